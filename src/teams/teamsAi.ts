/**
 * teams-ai's Application and TeamsAdapter, imported from their own modules instead of the
 * package index. The index also loads every AI module (planners, OpenAI client, the GPT
 * tokenizer with its 29 MB of vocabulary) that this bot never uses. @microsoft/teams-ai has
 * no "exports" map, so these paths are public files; they are checked against the pinned
 * version (1.7.4) – re-check them when upgrading.
 */
import type { TurnContext } from 'botbuilder';
import { Application as TeamsAiApplication } from '@microsoft/teams-ai/lib/Application.js';
import type { TurnState } from '@microsoft/teams-ai/lib/TurnState.js';

export { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter.js';

/**
 * teams-ai 1.7.4's `run()` calls `startTypingTimer` on every message turn whatever
 * `startTypingTimer: false` says, and keeps that timer in one field shared by all concurrent
 * turns. A message turn that took over a second then sent a "typing" activity into the
 * conversation it came from – also into a group chat whose answer goes to the 1:1 chat – and
 * a second turn could stop or restart the first one's timer. This bot answers at once and
 * finishes long work as a proactive message, so it never wants the timer: the override
 * honours the option, which is off everywhere here.
 */
export class Application<TState extends TurnState = TurnState> extends TeamsAiApplication<TState> {
  override startTypingTimer(context: TurnContext): void {
    if (this.options.startTypingTimer) super.startTypingTimer(context);
  }
}
