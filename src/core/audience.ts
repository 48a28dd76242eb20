import type { ActionResult, ConversationAddress, ConversationType, Outgoing, TurnInfo } from './types.js';

/**
 * Who may read an answer (rule 7 of shared/privacy-model.md):
 * - 'personal': one person's own answers, texts, nudges, or what is meant for one role; only
 *   ever in that person's 1:1 chat with the bot.
 * - 'partnership': the partnership's content; its Team's channels and the 1:1 chat, never a
 *   group chat, where people outside the roster may read along.
 * - 'anyone': nothing of a partnership (help without a partnership, refusals).
 */
export type Audience = 'personal' | 'partnership' | 'anyone';

/** Whether an answer for this audience may be posted in the conversation it was asked in. */
export function answersHere(conversation: ConversationType, audience: Audience): boolean {
  if (conversation === 'personal' || audience === 'anyone') return true;
  if (audience === 'personal') return false;
  return conversation === 'channel';
}

/** What the shared conversation is told instead of an answer that went to the 1:1 chat. */
export interface SharedNotes {
  /** The answer is in the asker's 1:1 chat. */
  sent: string;
  /** The 1:1 chat could not be opened: says to open it, never what the answer was. */
  unreachable: string;
}

/** Where an answer is written: the conversation it was asked in, or the asker's 1:1 chat. */
export interface AnswerDelivery<Sc> {
  /**
   * Sends a message to the asker's 1:1 chat, opening that chat when there is none yet.
   * Undefined when Teams refuses to open it or to post there.
   */
  toPersonalChat(turn: TurnInfo, scope: Sc | undefined, message: Outgoing): Promise<{ address: ConversationAddress; activityId?: string } | undefined>;
  /** Sends an answer that is still being worked on to `address` once it is ready (see ActionResult.later). */
  later(address: ConversationAddress, work: Promise<ActionResult>): void;
}

/** The conversation a turn came from, as an address for proactive messages. */
export function addressOfTurn(turn: TurnInfo): ConversationAddress {
  return { conversationId: turn.conversationId, serviceUrl: turn.serviceUrl, tenantId: turn.tenantId, botId: turn.botId, kind: turn.conversationType };
}

export function outgoingOf(result: ActionResult): Outgoing {
  return 'card' in result ? { card: result.card } : { text: result.message };
}
