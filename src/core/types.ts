/**
 * What the domain sees of a Teams turn, without any SDK types. src/teams/ builds these
 * from botbuilder's TurnContext; tests can build them by hand.
 */

export type ConversationType = 'personal' | 'channel' | 'groupChat';

export interface Actor {
  /** Teams user id ("29:..."), differs per bot. */
  teamsUserId: string;
  /** Entra object id: stable across conversations and bots. */
  aadObjectId?: string;
  name: string;
}

export interface TurnInfo {
  activityId: string;
  conversationId: string;
  conversationType: ConversationType;
  tenantId: string;
  teamId?: string;
  teamName?: string;
  channelId?: string;
  serviceUrl: string;
  botId: string;
  from: Actor;
  /** The id of the message a card action came from. */
  replyToId?: string;
}

/** An Adaptive Card as plain JSON. */
export type Card = Record<string, unknown> & { type: 'AdaptiveCard' };

export type Outgoing = { text: string } | { card: Card };

export interface RosterMember {
  teamsUserId: string;
  aadObjectId?: string;
  name: string;
}

/** What Teams tells in conversationUpdate and installationUpdate events, without the SDK. */
export type ConversationEvent =
  | { kind: 'botAdded' }
  | { kind: 'botRemoved' }
  | { kind: 'membersAdded'; members: RosterMember[] }
  | { kind: 'membersRemoved'; members: Array<Pick<RosterMember, 'teamsUserId' | 'aadObjectId'>> };

export interface TeamChannel {
  id: string;
  name: string;
}

/** Calls into Teams available during a turn. */
export interface TurnIO {
  send(message: Outgoing): Promise<string | undefined>;
  update(activityId: string, message: Outgoing): Promise<void>;
  /** One page of the Team's roster. */
  teamMembersPage(teamId: string, continuationToken?: string): Promise<{ members: RosterMember[]; continuationToken?: string }>;
  teamChannels(teamId: string): Promise<TeamChannel[]>;
}

/**
 * What a command or card action answers: a card (replacing the clicked one for an Execute,
 * a new message otherwise) or a short message. `sent` is told the new message's id when the
 * answer went out as a message, so a flow can update that card in place later.
 */
export type ActionResult = ({ card: Card } | { message: string }) & {
  sent?: (activityId: string, conversationId: string) => Promise<void>;
  /**
   * The real answer when it takes longer than a turn may: the result above is sent at once
   * ("even geduld"), this one follows as a proactive message to wherever the answer went.
   */
  later?: Promise<ActionResult>;
  /**
   * When the answer went to the 1:1 chat, an Action.Execute on a shared card is answered with
   * this card (the shared card as it is, so nobody's view changes) instead of the neutral line.
   */
  sharedCard?: Card;
};

/** The stored address of a conversation, for proactive messages. */
export interface ConversationAddress {
  conversationId: string;
  serviceUrl: string;
  tenantId: string;
  botId: string;
  kind: ConversationType;
  channelId?: string | null;
  teamId?: string | null;
}

/** Proactive messaging, used outside turns (jobs) and for opening 1:1 chats. */
export interface Messenger {
  send(address: ConversationAddress, message: Outgoing): Promise<string | undefined>;
  update(address: ConversationAddress, activityId: string, message: Outgoing): Promise<void>;
  /** Opens (or finds) the 1:1 chat between the bot and a member of a Team. */
  openPersonalChat(params: { serviceUrl: string; tenantId: string; botId: string; teamsUserId: string }): Promise<ConversationAddress>;
}
