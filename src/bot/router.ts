import { z } from 'zod';
import { t } from '../i18n/index.js';
import { renderCard } from '../cards/render.js';
import { userKeyOf } from '../partnership/repo.js';
import { matchCommand, RESERVED_COMMANDS } from './commands.js';
import type { HandlerContext, Scope, ScopeResolution, Services } from './context.js';
import { UserError } from './errors.js';
import type { ActionResult, TurnInfo, TurnIO } from './types.js';
import { userMessageOf } from './validation.js';

export interface CommandDef {
  /** The command's words, lower case, e.g. ['reflectie', 'sluiten']. */
  words: string[];
  /** Handler; receives the resolved partnership scope unless `scoped` is false. */
  handle(ctx: HandlerContext, scope: Scope | undefined, args: string[], chosenPartnershipId?: string): Promise<ActionResult>;
  /** Default true: the command needs to know which partnership it is about. */
  scoped?: boolean;
}

export interface ActionDef<S extends z.ZodTypeAny = z.ZodTypeAny> {
  verb: string;
  schema: S;
  handle(ctx: HandlerContext, data: z.infer<S>): Promise<ActionResult>;
}

export function defineAction<S extends z.ZodTypeAny>(verb: string, schema: S, handle: ActionDef<S>['handle']): ActionDef<S> {
  return { verb, schema, handle };
}

export const VERBS = {
  runCommand: 'command.run',
  choosePartnership: 'partnership.choose',
} as const;

const runCommandSchema = z
  .object({
    command: z.string().min(1).max(60),
    pid: z.string().uuid().optional(),
  })
  .strict();

export const message = (text: string): ActionResult => ({ message: text });

/**
 * Routes commands and card actions to flows. It knows nothing of the Teams SDK: the
 * adapter layer hands it TurnInfo + TurnIO and sends or returns what it answers.
 */
export class Router {
  private readonly commands: CommandDef[] = [];
  private readonly actions = new Map<string, ActionDef>();
  private readonly placeholders = new Set<string>();

  constructor(private readonly services: Services) {
    this.addAction(defineAction(VERBS.runCommand, runCommandSchema, (ctx, data) => this.runCommand(ctx, data.command, data.pid)));
    this.addAction(
      defineAction(VERBS.choosePartnership, runCommandSchema.required({ pid: true }), (ctx, data) => this.runCommand(ctx, data.command, data.pid)),
    );
    for (const word of RESERVED_COMMANDS) {
      this.addCommand({ words: [word], scoped: false, handle: async () => message(t.common.comingSoon(word)) });
      this.placeholders.add(word);
    }
  }

  addCommand(def: CommandDef): void {
    // A flow that arrives replaces the "coming soon" placeholder for its word.
    const i = this.commands.findIndex((c) => c.words.join(' ') === def.words.join(' '));
    if (i >= 0) this.commands.splice(i, 1);
    this.placeholders.delete(def.words.join(' '));
    this.commands.push(def);
  }

  addAction(def: ActionDef): void {
    if (this.actions.has(def.verb)) throw new Error(`Action ${def.verb} registered twice`);
    this.actions.set(def.verb, def);
  }

  /** Words of commands that are really available (not placeholders). Used by help. */
  isAvailable(word: string): boolean {
    return !this.placeholders.has(word) && this.commands.some((c) => c.words.join(' ') === word);
  }

  async onText(turn: TurnInfo, io: TurnIO, text: string): Promise<ActionResult> {
    const ctx: HandlerContext = { turn, io, services: this.services };
    const matched = matchCommand(text, this.commands);
    if (!matched) return message(t.common.unknownCommand);
    return this.invokeCommand(ctx, matched.command, matched.args);
  }

  async onAction(turn: TurnInfo, io: TurnIO, verb: string | undefined, data: unknown): Promise<ActionResult> {
    const def = verb ? this.actions.get(verb) : undefined;
    if (!def) return message(t.common.unknownAction);
    const parsed = def.schema.safeParse(data ?? {});
    if (!parsed.success) return message(userMessageOf(parsed.error));
    const ctx: HandlerContext = { turn, io, services: this.services };
    return this.guard(() => def.handle(ctx, parsed.data));
  }

  private async runCommand(ctx: HandlerContext, text: string, pid?: string): Promise<ActionResult> {
    const matched = matchCommand(text, this.commands);
    if (!matched) return message(t.common.unknownAction);
    return this.invokeCommand(ctx, matched.command, matched.args, pid);
  }

  private async invokeCommand(ctx: HandlerContext, command: CommandDef, args: string[], pid?: string): Promise<ActionResult> {
    return this.guard(async () => {
      if (command.scoped === false) return command.handle(ctx, undefined, args, pid);
      const resolved = await this.resolveScope(ctx, command.words.join(' '), pid);
      if ('result' in resolved) return resolved.result;
      return command.handle(ctx, resolved.scope, args);
    });
  }

  private async guard(fn: () => Promise<ActionResult>): Promise<ActionResult> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof UserError) return message(err.userMessage);
      throw err;
    }
  }

  /**
   * Which partnership a turn is about. In a Team it is that Team's; in a 1:1 or group
   * chat it is the one the user belongs to, and the user chooses when there are several.
   * A chosen id from a card is only accepted if the user really is a member.
   */
  async resolveScope(ctx: HandlerContext, command: string, pid?: string): Promise<ScopeResolution> {
    const { turn, services } = ctx;
    const { repo } = services;
    const userKey = userKeyOf(turn.from);
    if (turn.teamId) {
      let partnership = await repo.findByTeam(turn.tenantId, turn.teamId);
      // The bot evidently is in this Team (it got a message there), even if the install event was missed.
      if (!partnership || partnership.status !== 'active') partnership = await repo.activateForTeam(turn.tenantId, turn.teamId);
      if (pid && pid !== partnership.id) throw new UserError(t.common.staleCard);
      return { scope: { partnership, member: await repo.member(partnership.id, userKey) } };
    }
    const mine = await repo.partnershipsOf(turn.tenantId, userKey);
    if (pid) {
      const chosen = mine.find((p) => p.id === pid);
      if (!chosen) throw new UserError(t.common.notMember);
      return { scope: { partnership: chosen, member: await repo.member(chosen.id, userKey) } };
    }
    if (mine.length === 0) throw new UserError(t.common.noPartnership);
    if (mine.length === 1) return { scope: { partnership: mine[0]!, member: await repo.member(mine[0]!.id, userKey) } };
    return {
      result: {
        card: renderCard('common/choose-partnership', {
          fallback: t.common.choosePartnership,
          title: t.common.choosePartnershipTitle,
          text: t.common.choosePartnership,
          verb: VERBS.choosePartnership,
          command,
          // Button titles are plain text, not markdown: no escaping needed.
          partnerships: mine.map((p) => ({ id: p.id, name: p.name ?? t.common.unnamedPartnership })),
        }),
      },
    };
  }
}
