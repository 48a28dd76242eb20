import { z } from 'zod';
import { t, withLanguage } from '../i18n/index.js';
import { defineAction } from './action.js';
import { addressOfTurn, answersHere, outgoingOf, type AnswerDelivery, type Audience, type SharedNotes } from './audience.js';
import { matchCommand } from './commands.js';
import type { HandlerContext, ScopeResolver } from './context.js';
import { UserError } from './errors.js';
import type { ActionResult, ConversationEvent, TurnInfo, TurnIO } from './types.js';
import { userMessageOf } from './validation.js';

/**
 * Who may read what a command or action answers (see core/audience.ts). Unset: the
 * partnership's content ('partnership'), or 'anyone' for the router's own actions and for a
 * command that found no partnership. An answer that may not be posted where it was asked
 * goes to the asker's 1:1 chat, and the shared conversation gets one of `notes` (by default
 * t.personal.answerSent / t.personal.openChat).
 */
interface Placed {
  audience?: Audience;
  notes?: SharedNotes;
}

/** A command about one partnership: the router resolves and checks the scope first. */
export interface ScopedCommand<S, Sc> extends Placed {
  /** The command's words, lower case, e.g. ['reflectie', 'sluiten']. */
  words: string[];
  scope?: 'required';
  handle(ctx: HandlerContext<S>, scope: Sc, args: string[]): Promise<ActionResult>;
}

/** A command that also works without a partnership (help): the scope is given when there is one. */
export interface OptionalScopeCommand<S, Sc> extends Placed {
  words: string[];
  scope: 'optional';
  handle(ctx: HandlerContext<S>, scope: Sc | undefined, args: string[]): Promise<ActionResult>;
}

export type CommandDef<S, Sc> = ScopedCommand<S, Sc> | OptionalScopeCommand<S, Sc>;

interface ActionBase<Schema extends z.ZodTypeAny> extends Placed {
  verb: string;
  schema: Schema;
}

/** A card action that is not about a partnership (the router's own). */
export interface UnscopedAction<S, Schema extends z.ZodTypeAny = z.ZodTypeAny> extends ActionBase<Schema> {
  partnership?: undefined;
  handle(ctx: HandlerContext<S>, data: z.infer<Schema>): Promise<ActionResult>;
}

/**
 * A card action about one partnership. `partnership` names its id from the parsed data: the
 * card's `pid`, or the partnership of the run, study or agreement the card is about. An id
 * that leads nowhere is a stale card.
 */
export interface ScopedAction<S, Sc, Schema extends z.ZodTypeAny = z.ZodTypeAny> extends ActionBase<Schema> {
  partnership(data: z.infer<Schema>, services: S): string | undefined | Promise<string | undefined>;
  handle(ctx: HandlerContext<S>, scope: Sc, data: z.infer<Schema>): Promise<ActionResult>;
}

export type ActionDef<S, Sc> = UnscopedAction<S> | ScopedAction<S, Sc>;

/** Install, uninstall and roster changes; every registered handler hears every event. */
export type EventHandler<S> = (ctx: HandlerContext<S>, event: ConversationEvent) => Promise<void>;

/**
 * The language to answer in, from the scope and where the answer goes: `personal` when it is
 * written in the asker's 1:1 chat (asked there, or moved there by its audience). Undefined:
 * Dutch. The activity's locale is never used (the Playground sends en-US on every activity).
 */
export type LanguageOf<Sc> = (scope: Sc | undefined, personal: boolean) => string | null | undefined;

/** The card's own `pid`: for actions whose data carries the partnership id. */
export const byPid = (data: { pid: string }): string => data.pid;

export const VERBS = {
  runCommand: 'command.run',
  choosePartnership: 'partnership.choose',
} as const;

const command = z.string().min(1).max(60);
/** A button that runs a command as if typed (help, the welcome card, progress), optionally for one partnership. */
export const RUN_COMMAND = defineAction({ verb: VERBS.runCommand, data: { command, pid: z.string().uuid().optional() } });
/** The chooser's buttons: the command that asked, for the partnership picked. */
export const CHOOSE_PARTNERSHIP = defineAction({ verb: VERBS.choosePartnership, data: { command, pid: z.string().uuid() } });

export const message = (text: string): ActionResult => ({ message: text });

/**
 * Routes commands and card actions to features. It knows nothing of the Teams SDK (the
 * adapter layer hands it TurnInfo + TurnIO and sends or returns what it answers) and nothing
 * of partnerships: the scope resolver is injected, so scoped handlers always get a checked
 * scope and never resolve one themselves.
 */
export class Router<S, Sc> {
  private readonly commands: CommandDef<S, Sc>[] = [];
  private readonly actions = new Map<string, ActionDef<S, Sc>>();
  private readonly events: EventHandler<S>[] = [];

  constructor(
    private readonly services: S,
    private readonly resolveScope: ScopeResolver<S, Sc>,
    private readonly delivery: AnswerDelivery<Sc>,
    private readonly languageOf: LanguageOf<Sc> = () => undefined,
  ) {
    this.addAction({ verb: RUN_COMMAND.verb, schema: RUN_COMMAND.schema, handle: (ctx, data) => this.runCommand(ctx, data.command, data.pid) });
    this.addAction({ verb: CHOOSE_PARTNERSHIP.verb, schema: CHOOSE_PARTNERSHIP.schema, handle: (ctx, data) => this.runCommand(ctx, data.command, data.pid) });
  }

  addCommand(def: CommandDef<S, Sc>): void {
    const words = def.words.join(' ');
    if (this.commands.some((c) => c.words.join(' ') === words)) throw new Error(`Command ${words} registered twice`);
    this.commands.push(def);
  }

  addAction<Schema extends z.ZodTypeAny>(def: UnscopedAction<S, Schema> | ScopedAction<S, Sc, Schema>): void {
    if (this.actions.has(def.verb)) throw new Error(`Action ${def.verb} registered twice`);
    this.actions.set(def.verb, def as ActionDef<S, Sc>);
  }

  addEvent(handler: EventHandler<S>): void {
    this.events.push(handler);
  }

  /** The schema a card action's payload is parsed with, read-only: the card-contract test parses every card's buttons through it. */
  schemaOf(verb: string): z.ZodTypeAny | undefined {
    return this.actions.get(verb)?.schema;
  }

  async onEvent(turn: TurnInfo, io: TurnIO, event: ConversationEvent): Promise<void> {
    const ctx: HandlerContext<S> = { turn, io, services: this.services };
    for (const handler of this.events) await handler(ctx, event);
  }

  /** Whether a command word is registered. Used by help to offer only what works. */
  has(word: string): boolean {
    return this.commands.some((c) => c.words.join(' ') === word);
  }

  async onText(turn: TurnInfo, io: TurnIO, text: string): Promise<ActionResult> {
    const ctx: HandlerContext<S> = { turn, io, services: this.services };
    const matched = matchCommand(text, this.commands);
    if (!matched) return message(t.common.unknownCommand);
    return this.invokeCommand(ctx, matched.command, matched.args);
  }

  async onAction(turn: TurnInfo, io: TurnIO, verb: string | undefined, data: unknown): Promise<ActionResult> {
    const def = verb ? this.actions.get(verb) : undefined;
    if (!def) return message(t.common.unknownAction);
    const parsed = def.schema.safeParse(data ?? {});
    if (!parsed.success) return message(userMessageOf(parsed.error));
    const ctx: HandlerContext<S> = { turn, io, services: this.services };
    return this.guard(async () => {
      if (!def.partnership) return this.inLanguage(ctx, def, 'anyone', undefined, async () => this.place(ctx, def, 'anyone', undefined, await def.handle(ctx, parsed.data)));
      const pid = await def.partnership(parsed.data, this.services);
      if (!pid) throw new UserError(t.common.staleCard);
      const resolved = await this.resolveScope(ctx, def.verb, pid);
      // With a pid there is nothing to choose; a chooser here means the card is out of date.
      if ('result' in resolved) throw new UserError(t.common.staleCard);
      return this.inLanguage(ctx, def, 'partnership', resolved.scope, async () => this.place(ctx, def, 'partnership', resolved.scope, await def.handle(ctx, resolved.scope, parsed.data)));
    });
  }

  private async runCommand(ctx: HandlerContext<S>, text: string, pid?: string): Promise<ActionResult> {
    const matched = matchCommand(text, this.commands);
    if (!matched) return message(t.common.unknownAction);
    return this.invokeCommand(ctx, matched.command, matched.args, pid);
  }

  private async invokeCommand(ctx: HandlerContext<S>, command: CommandDef<S, Sc>, args: string[], pid?: string): Promise<ActionResult> {
    return this.guard(async () => {
      const words = command.words.join(' ');
      if (command.scope === 'optional') {
        let scope: Sc | undefined;
        try {
          const resolved = await this.resolveScope(ctx, words, pid);
          // The chooser names the user's partnerships: it is placed like the answer.
          if ('result' in resolved) return this.place(ctx, { audience: command.audience }, 'partnership', undefined, resolved.result);
          scope = resolved.scope;
        } catch (err) {
          // No partnership (yet): the command still answers. A refused choice stays refused.
          if (!(err instanceof UserError) || pid) throw err;
        }
        const fallback: Audience = scope === undefined ? 'anyone' : 'partnership';
        return this.inLanguage(ctx, command, fallback, scope, async () => this.place(ctx, command, fallback, scope, await command.handle(ctx, scope, args)));
      }
      const resolved = await this.resolveScope(ctx, words, pid);
      if ('result' in resolved) return this.place(ctx, { audience: command.audience }, 'partnership', undefined, resolved.result);
      return this.inLanguage(ctx, command, 'partnership', resolved.scope, async () => this.place(ctx, command, 'partnership', resolved.scope, await command.handle(ctx, resolved.scope, args)));
    });
  }

  /**
   * Runs a handler and the placing of its answer in the language of where that answer goes:
   * the asker's own setting in their 1:1 chat, the partnership's in a channel or group chat.
   */
  private inLanguage<T>(ctx: HandlerContext<S>, def: Placed, fallback: Audience, scope: Sc | undefined, fn: () => Promise<T>): Promise<T> {
    const personal = ctx.turn.conversationType === 'personal' || !answersHere(ctx.turn.conversationType, def.audience ?? fallback);
    return withLanguage(this.languageOf(scope, personal), fn);
  }

  /**
   * Rule 7 of the privacy model in one place: an answer that its audience may not read where
   * it was asked goes to the asker's 1:1 chat, and the shared conversation gets a neutral line
   * (or, for an Execute, `sharedCard`). Refusals (UserError) never come here: they are
   * catalogue lines about why nothing happened and stay where the person asked.
   */
  private async place(ctx: HandlerContext<S>, def: Placed, fallback: Audience, scope: Sc | undefined, result: ActionResult): Promise<ActionResult> {
    const { later, sharedCard, ...answer } = result;
    if (answersHere(ctx.turn.conversationType, def.audience ?? fallback)) {
      if (!later) return result;
      this.delivery.later(addressOfTurn(ctx.turn), later);
      return { ...answer, ...(sharedCard ? { sharedCard } : {}) };
    }
    const notes = def.notes ?? { sent: t.personal.answerSent, unreachable: t.personal.openChat };
    const delivered = await this.delivery.toPersonalChat(ctx.turn, scope, outgoingOf(answer));
    if (!delivered) return message(notes.unreachable);
    if (answer.sent && delivered.activityId) await answer.sent(delivered.activityId, delivered.address.conversationId);
    if (later) this.delivery.later(delivered.address, later);
    return sharedCard ? { message: notes.sent, sharedCard } : message(notes.sent);
  }

  private async guard(fn: () => Promise<ActionResult>): Promise<ActionResult> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof UserError) return message(err.userMessage);
      throw err;
    }
  }
}
