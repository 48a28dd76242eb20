import { t } from '../i18n/index.js';
import { UserError } from '../bot/errors.js';
import { message, type Router } from '../bot/router.js';
import type { Services } from '../bot/context.js';
import { userKeyOf } from '../partnership/repo.js';

/** The members who did not switch off personal nudges ("geen herinneringen"), in one query. */
export async function withoutOptedOut<M extends { userKey: string }>(services: Services, partnershipId: string, members: M[]): Promise<M[]> {
  if (members.length === 0) return members;
  const rows = await services.store.db.selectFrom('nudge_optouts').select('user_key').where('partnership_id', '=', partnershipId).execute();
  const off = new Set(rows.map((r) => r.user_key));
  return members.filter((m) => !off.has(m.userKey));
}

export function registerOptOut(router: Router, services: Services): void {
  router.addCommand({
    words: ['geen', 'herinneringen'],
    handle: async (ctx, scope) => {
      if (!scope?.member) throw new UserError(t.common.notMember);
      await services.store.db
        .insertInto('nudge_optouts')
        .values({ partnership_id: scope.partnership.id, user_key: userKeyOf(ctx.turn.from), created_at: services.clock.now() })
        .onConflict((oc) => oc.columns(['partnership_id', 'user_key']).doNothing())
        .execute();
      return message(t.reminders.optOut);
    },
  });
  router.addCommand({
    words: ['wel', 'herinneringen'],
    handle: async (ctx, scope) => {
      if (!scope?.member) throw new UserError(t.common.notMember);
      await services.store.db.deleteFrom('nudge_optouts').where('partnership_id', '=', scope.partnership.id).where('user_key', '=', userKeyOf(ctx.turn.from)).execute();
      return message(t.reminders.optIn);
    },
  });
}
