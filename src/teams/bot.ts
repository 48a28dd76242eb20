import { randomUUID } from 'node:crypto';
import { ActivityTypes, INVOKE_RESPONSE_KEY, type Request, type Response, type TurnContext } from 'botbuilder';
import { Application, type TeamsAdapter } from './teamsAi.js';
import { t } from '../i18n/index.js';
import type { Services } from '../bot/context.js';
import type { Router } from '../bot/router.js';
import type { ActionResult, RosterMember } from '../bot/types.js';
import { onConversationEvent, type ConversationEvent } from '../install/install.js';
import { addressIdOf } from '../partnership/repo.js';
import { HandledActivities, type Claim } from '../store/handledActivities.js';
import { createTurnIO, tenantOf, toActivity, toTurnInfo } from './turn.js';

const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';
const MESSAGE_TYPE = 'application/vnd.microsoft.activity.message';
/** How long a retried invoke waits for the first delivery's answer before saying "still busy". */
const DUPLICATE_WAIT_MS = 4_000;

function invokeBody(result: ActionResult) {
  return 'card' in result
    ? { statusCode: 200, type: CARD_TYPE, value: result.card }
    : { statusCode: 200, type: MESSAGE_TYPE, value: result.message };
}

async function sendInvokeResponse(context: TurnContext, body: unknown, status = 200): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status, body } });
}

function splitActionData(raw: unknown): { verb: string | undefined; data: Record<string, unknown> } {
  const data = raw && typeof raw === 'object' && !Array.isArray(raw) ? { ...(raw as Record<string, unknown>) } : {};
  const verb = typeof data.verb === 'string' ? data.verb : undefined;
  delete data.verb;
  delete data.msteams; // Teams' own routing hints for Action.Submit, not ours
  return { verb, data };
}

function membersOf(list: Array<{ id: string; aadObjectId?: string; name?: string }> | undefined, botId: string): { bot: boolean; people: RosterMember[] } {
  const people: RosterMember[] = [];
  let bot = false;
  for (const m of list ?? []) {
    if (m.id === botId) bot = true;
    else people.push({ teamsUserId: m.id, aadObjectId: m.aadObjectId, name: m.name ?? '' });
  }
  return { bot, people };
}

/**
 * The only place the Teams SDK meets our code: teams-ai routes activities, we translate
 * them into TurnInfo/TurnIO for the router and translate answers back.
 */
export function createTeamsBot(adapter: TeamsAdapter, services: Services, router: Router) {
  const { logger, repo, config } = services;
  const handled = new HandledActivities(services.store, services.clock);
  const app = new Application({ adapter, botAppId: config.bot.appId ?? '', startTypingTimer: false, removeRecipientMention: true, longRunningMessages: false });

  app.activity(ActivityTypes.ConversationUpdate, async (context) => {
    const a = context.activity;
    const turn = toTurnInfo(context);
    const io = createTurnIO(context);
    const added = membersOf(a.membersAdded, turn.botId);
    const removed = membersOf(a.membersRemoved, turn.botId);
    const events: ConversationEvent[] = [];
    if (added.bot) events.push({ kind: 'botAdded' });
    if (added.people.length) events.push({ kind: 'membersAdded', members: added.people });
    if (removed.people.length) events.push({ kind: 'membersRemoved', members: removed.people });
    if (removed.bot || (a.channelData as { eventType?: string } | undefined)?.eventType === 'teamDeleted') events.push({ kind: 'botRemoved' });
    for (const e of events) await onConversationEvent(services, turn, io, e);
  });

  app.activity(ActivityTypes.InstallationUpdate, async (context) => {
    const action = String(context.activity.action ?? '');
    // Teams sends both installationUpdate and conversationUpdate; the welcome comes from the latter.
    if (action.startsWith('remove')) await onConversationEvent(services, toTurnInfo(context), createTurnIO(context), { kind: 'botRemoved' });
  });

  app.activity(ActivityTypes.Message, async (context) => {
    const turn = toTurnInfo(context);
    const io = createTurnIO(context);
    const a = context.activity;
    let result: ActionResult;
    if (a.value !== undefined && !(a.text ?? '').trim()) {
      const { verb, data } = splitActionData(a.value);
      result = await router.onAction(turn, io, verb, data);
    } else {
      result = await router.onText(turn, io, a.text ?? '');
    }
    const response = await context.sendActivity(toActivity('card' in result ? { card: result.card } : { text: result.message }));
    if (result.sent && response?.id) await result.sent(response.id, turn.conversationId);
  });

  app.addRoute(
    async (context) => context.activity.type === ActivityTypes.Invoke && context.activity.name === 'adaptiveCard/action',
    async (context) => {
      const action = (context.activity.value as { action?: { verb?: string; data?: unknown } } | undefined)?.action;
      const { data } = splitActionData(action?.data);
      const result = await router.onAction(toTurnInfo(context), createTurnIO(context), action?.verb, data);
      await sendInvokeResponse(context, invokeBody(result));
    },
    true,
  );

  // Any other invoke: answer 200 so Teams never shows its own error banner.
  app.addRoute(
    async (context) => context.activity.type === ActivityTypes.Invoke,
    async (context) => {
      await sendInvokeResponse(context, invokeBody({ message: t.common.unknownAction }));
    },
    true,
  );

  async function onError(context: TurnContext, err: unknown): Promise<void> {
    const ref = randomUUID().slice(0, 8);
    logger.error({ err, ref, activityType: context.activity.type, activityId: context.activity.id }, 'turn failed');
    const apology = t.common.apology(ref);
    try {
      if (context.activity.type === ActivityTypes.Invoke) {
        if (!context.turnState.get(INVOKE_RESPONSE_KEY)) await sendInvokeResponse(context, invokeBody({ message: apology }));
      } else if (context.activity.type === ActivityTypes.Message) {
        await context.sendActivity(apology);
      }
    } catch (sendErr) {
      logger.error({ err: sendErr, ref }, 'could not send apology');
    }
  }
  adapter.onTurnError = onError;

  async function turn(context: TurnContext): Promise<void> {
    const a = context.activity;
    const conversationId = a.conversation?.id;
    // Keep the stored address fresh: Teams may move a conversation to another serviceUrl.
    if (conversationId && a.serviceUrl) {
      await repo.touchServiceUrl(addressIdOf(toTurnInfo(context)), a.serviceUrl).catch((err) => logger.warn({ err }, 'serviceUrl refresh failed'));
    }
    if (!conversationId || !a.id) {
      await app.run(context);
      return;
    }
    const claim = await handled.claim(conversationId, a.id);
    if (claim.kind === 'duplicate') {
      logger.info({ activityId: a.id, type: a.type }, 'duplicate activity ignored');
      if (a.type === ActivityTypes.Invoke) {
        let current: Claim = claim;
        const until = Date.now() + DUPLICATE_WAIT_MS;
        while (current.kind === 'duplicate' && current.status !== 'done' && Date.now() < until) {
          await new Promise((r) => setTimeout(r, 100));
          current = await handled.current(conversationId, a.id);
        }
        const stored = current.kind === 'duplicate' ? (current.response as { status?: number; body?: unknown } | undefined) : undefined;
        await sendInvokeResponse(context, stored?.body ?? invokeBody({ message: t.common.staleCard }), stored?.status ?? 200);
      }
      return;
    }
    try {
      await app.run(context);
    } catch (err) {
      await onError(context, err);
    } finally {
      const response = (context.turnState.get(INVOKE_RESPONSE_KEY) as { value?: unknown } | undefined)?.value;
      await handled.finish(conversationId, a.id, response).catch((err) => logger.error({ err }, 'could not record handled activity'));
    }
  }

  /** Handles one POST /api/messages. Requests from other tenants get 403 and nothing is stored. */
  async function handle(req: Request, res: Response): Promise<void> {
    let rejected = false;
    let turnStarted = false;
    // botbuilder answers 500 when the JWT library itself throws (a bad signature, say) before
    // any turn runs; that is an authentication failure and the caller should see 401.
    const statusFor = (code: number) => (rejected ? 403 : code === 500 && !turnStarted ? 401 : code);
    const guarded: Response = {
      socket: res.socket,
      header: (name: string, value: unknown) => res.header(name, value),
      status: (code: number) => res.status(statusFor(code)),
      send: (body?: unknown) => res.send(rejected ? { error: 'tenant not allowed' } : body),
      end: (...args: unknown[]) => res.end(...args),
    };
    await adapter.process(req, guarded, async (context) => {
      turnStarted = true;
      const tenant = tenantOf(context.activity);
      if (config.allowedTenants.length > 0 && (!tenant || !config.allowedTenants.includes(tenant))) {
        rejected = true;
        logger.warn({ tenant }, 'request from a tenant that is not allowed');
        if (context.activity.type === ActivityTypes.Invoke) await sendInvokeResponse(context, { error: 'tenant not allowed' }, 403);
        return;
      }
      await turn(context);
    });
  }

  return { handle, app };
}
