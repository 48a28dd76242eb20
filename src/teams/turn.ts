import { type Activity, MessageFactory, CardFactory, TeamsInfo, type TurnContext } from 'botbuilder';
import type { ConversationType, Outgoing, TurnInfo, TurnIO } from '../core/types.js';

type TeamsChannelData = {
  tenant?: { id?: string };
  team?: { id?: string; name?: string };
  channel?: { id?: string; name?: string };
  eventType?: string;
};

export function channelDataOf(activity: Partial<Activity>): TeamsChannelData {
  return (activity.channelData ?? {}) as TeamsChannelData;
}

export function tenantOf(activity: Partial<Activity>): string | undefined {
  return channelDataOf(activity).tenant?.id ?? activity.conversation?.tenantId;
}

export function toTurnInfo(context: TurnContext): TurnInfo {
  const a = context.activity;
  const cd = channelDataOf(a);
  const type = (a.conversation?.conversationType ?? 'personal') as ConversationType;
  return {
    activityId: a.id ?? '',
    conversationId: a.conversation?.id ?? '',
    conversationType: type === 'channel' || type === 'groupChat' ? type : 'personal',
    tenantId: tenantOf(a) ?? '',
    teamId: cd.team?.id,
    teamName: cd.team?.name,
    channelId: cd.channel?.id,
    serviceUrl: a.serviceUrl ?? '',
    botId: a.recipient?.id ?? '',
    from: { teamsUserId: a.from?.id ?? '', aadObjectId: a.from?.aadObjectId, name: a.from?.name ?? '' },
    replyToId: a.replyToId,
  };
}

export function toActivity(message: Outgoing): Partial<Activity> {
  if ('card' in message) return MessageFactory.attachment(CardFactory.adaptiveCard(message.card));
  return MessageFactory.text(message.text);
}

export function createTurnIO(context: TurnContext): TurnIO {
  return {
    async send(message) {
      const res = await context.sendActivity(toActivity(message));
      return res?.id;
    },
    async update(activityId, message) {
      await context.updateActivity({ ...toActivity(message), id: activityId });
    },
    async teamMembersPage(teamId, continuationToken) {
      const page = await TeamsInfo.getPagedTeamMembers(context, teamId, 200, continuationToken);
      return {
        members: page.members.map((m) => ({
          teamsUserId: m.id,
          aadObjectId: m.aadObjectId,
          // E-mail and UPN are not taken: nothing needs them (AVG art. 5(1)(c)).
          name: m.name ?? m.givenName ?? m.id,
        })),
        continuationToken: page.continuationToken || undefined,
      };
    },
    async teamChannels(teamId) {
      const channels = await TeamsInfo.getTeamChannels(context, teamId);
      return channels.map((c) => ({ id: c.id ?? '', name: c.name ?? '' })).filter((c) => c.id);
    },
  };
}
