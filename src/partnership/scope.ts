import { t } from '../i18n/index.js';
import { renderCard } from '../cards/render.js';
import { UserError } from '../core/errors.js';
import { CHOOSE_PARTNERSHIP } from '../core/router.js';
import type { HandlerContext, ScopeResolution } from '../core/context.js';
import { userKeyOf, type PartnershipRepo, type PartnershipScope } from './repo.js';

/**
 * The partnership a turn is about, the acting member (if they are on the roster) and whether
 * it has been set up: all read in the one query that resolves the scope.
 */
export type Scope = PartnershipScope;

/**
 * Which partnership a turn is about. In a Team it is that Team's; in a 1:1 or group chat it
 * is the one the user belongs to, and the user chooses when there are several. A chosen id
 * from a card is only accepted if the user really is a member.
 */
export function partnershipScope(repo: PartnershipRepo) {
  return async function resolveScope(ctx: HandlerContext<unknown>, command: string, pid?: string): Promise<ScopeResolution<Scope>> {
    const { turn } = ctx;
    const userKey = userKeyOf(turn.from);
    if (turn.teamId) {
      let found = await repo.teamScope(turn.tenantId, turn.teamId, userKey);
      // The bot evidently is in this Team (it got a message there), even if the install event was missed.
      if (!found || found.partnership.status !== 'active') {
        await repo.activateForTeam(turn.tenantId, turn.teamId);
        found = (await repo.teamScope(turn.tenantId, turn.teamId, userKey))!;
      }
      if (pid && pid !== found.partnership.id) throw new UserError(t.common.staleCard);
      return { scope: found };
    }
    const mine = await repo.memberScopes(turn.tenantId, userKey);
    if (pid) {
      const chosen = mine.find((s) => s.partnership.id === pid);
      if (!chosen) throw new UserError(t.common.notMember);
      return { scope: chosen };
    }
    if (mine.length === 0) throw new UserError(t.common.noPartnership);
    if (mine.length === 1) return { scope: mine[0]! };
    return {
      result: {
        card: renderCard('common/choose-partnership', {
          fallback: t.common.choosePartnership,
          title: t.common.choosePartnershipTitle,
          text: t.common.choosePartnership,
          // Button titles are plain text, not markdown: no escaping needed.
          partnerships: mine.map(({ partnership: p }) => ({ name: p.name ?? t.common.unnamedPartnership, action: CHOOSE_PARTNERSHIP.button({ pid: p.id, command }) })),
        }),
      },
    };
  };
}
