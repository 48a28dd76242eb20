import type { ActionResult, TurnInfo, TurnIO } from './types.js';

/**
 * What a handler receives. The kernel is generic in the services it passes along, so it
 * imports nothing of the features, the store or the partnership model (see src/services.ts).
 */
export interface HandlerContext<S> {
  turn: TurnInfo;
  io: TurnIO;
  services: S;
}

/** The partnership scope a turn resolves to, or a card to answer first (the chooser). */
export type ScopeResolution<Sc> = { scope: Sc } | { result: ActionResult };

/**
 * Finds and checks the partnership a turn is about. `pid` comes from a card (or from the
 * chooser) and must be one the user may act in; the kernel never trusts it by itself.
 */
export type ScopeResolver<S, Sc> = (ctx: HandlerContext<S>, command: string, pid?: string) => Promise<ScopeResolution<Sc>>;
