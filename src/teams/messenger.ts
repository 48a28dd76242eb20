import type { ConversationReference } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { ConversationAddress, Messenger } from '../bot/types.js';
import { toActivity } from './turn.js';

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
    await this.adapter.continueConversationAsync(this.appId, this.reference(address), async (ctx) => {
      id = (await ctx.sendActivity(toActivity(message)))?.id;
    });
    return id;
  }

  async update(address: ConversationAddress, activityId: string, message: Parameters<Messenger['update']>[2]): Promise<void> {
    await this.adapter.continueConversationAsync(this.appId, this.reference(address), async (ctx) => {
      await ctx.updateActivity({ ...toActivity(message), id: activityId });
    });
  }

  async openPersonalChat(p: { serviceUrl: string; tenantId: string; botId: string; teamsUserId: string }): Promise<ConversationAddress> {
    let conversationId = '';
    await this.adapter.createConversationAsync(
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
      async (ctx) => {
        conversationId = ctx.activity.conversation.id;
      },
    );
    return { conversationId, serviceUrl: p.serviceUrl, tenantId: p.tenantId, botId: p.botId, kind: 'personal' };
  }
}
