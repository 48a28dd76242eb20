import type { ConversationReference, TurnContext } from 'botbuilder';
import type { TeamsAdapter } from './teamsAi.js';
import type { ConversationAddress, Messenger } from '../core/types.js';
import { toActivity } from './turn.js';

/** What Teams answered when a proactive call failed; flows decide whether to retry. */
export class SendError extends Error {
  override name = 'SendError';
  constructor(
    readonly status: number | undefined,
    readonly retryAfterMs: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

function toSendError(err: unknown): SendError {
  const e = err as { statusCode?: number; status?: number; message?: string; response?: { headers?: { get?(name: string): string | undefined } } };
  const retryAfter = e.response?.headers?.get?.('retry-after');
  const seconds = retryAfter !== undefined ? Number(retryAfter) : NaN;
  return new SendError(e.statusCode ?? e.status, Number.isFinite(seconds) ? seconds * 1000 : undefined, e.message ?? String(err));
}

/**
 * Runs a proactive turn and rethrows what failed inside it. The adapter would otherwise hand
 * the error to its turn error handler and the caller would think the message went out.
 */
async function proactive(run: (logic: (ctx: TurnContext) => Promise<void>) => Promise<void>, logic: (ctx: TurnContext) => Promise<void>): Promise<void> {
  let failure: unknown;
  try {
    await run(async (ctx) => {
      try {
        await logic(ctx);
      } catch (err) {
        failure = err;
      }
    });
  } catch (err) {
    failure ??= err; // e.g. creating the 1:1 conversation itself was refused
  }
  if (failure !== undefined) throw toSendError(failure);
}

/** Proactive messages through the adapter: outside a turn, to a stored conversation. */
export class TeamsMessenger implements Messenger {
  constructor(
    private readonly adapter: TeamsAdapter,
    private readonly appId: string,
  ) {}

  private reference(address: ConversationAddress): Partial<ConversationReference> {
    return {
      channelId: 'msteams',
      serviceUrl: address.serviceUrl,
      bot: { id: address.botId, name: 'Leerlab' },
      conversation: {
        id: address.conversationId,
        conversationType: address.kind,
        tenantId: address.tenantId,
        isGroup: address.kind !== 'personal',
        name: '',
      },
    };
  }

  async send(address: ConversationAddress, message: Parameters<Messenger['send']>[1]): Promise<string | undefined> {
    let id: string | undefined;
    await proactive(
      (logic) => this.adapter.continueConversationAsync(this.appId, this.reference(address), logic),
      async (ctx) => {
        id = (await ctx.sendActivity(toActivity(message)))?.id;
      },
    );
    return id;
  }

  async update(address: ConversationAddress, activityId: string, message: Parameters<Messenger['update']>[2]): Promise<void> {
    await proactive(
      (logic) => this.adapter.continueConversationAsync(this.appId, this.reference(address), logic),
      async (ctx) => {
        await ctx.updateActivity({ ...toActivity(message), id: activityId });
      },
    );
  }

  async openPersonalChat(p: { serviceUrl: string; tenantId: string; botId: string; teamsUserId: string }): Promise<ConversationAddress> {
    let conversationId = '';
    const create = (logic: (ctx: TurnContext) => Promise<void>) =>
      this.adapter.createConversationAsync(
      this.appId,
      'msteams',
      p.serviceUrl,
      '',
      {
        isGroup: false,
        bot: { id: p.botId, name: 'Leerlab' },
        members: [{ id: p.teamsUserId, name: '' }],
        tenantId: p.tenantId,
        channelData: { tenant: { id: p.tenantId } },
        activity: undefined as never,
      },
      logic,
    );
    await proactive(create, async (ctx) => {
      conversationId = ctx.activity.conversation.id;
    });
    return { conversationId, serviceUrl: p.serviceUrl, tenantId: p.tenantId, botId: p.botId, kind: 'personal' };
  }
}
