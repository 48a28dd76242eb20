import { t } from '../i18n/index.js';
import { UserError } from '../bot/errors.js';
import { message, type Router } from '../bot/router.js';
import type { Services } from '../bot/context.js';
import { userKeyOf } from '../partnership/repo.js';

/** Whether a member switched off personal nudges ("geen herinneringen"). */
export async function optedOut(services: Services, partnershipId: string, userKey: string): Promise<boolean> {
  const row = await services.store.db.selectFrom('nudge_optouts').select('user_key').where('partnership_id', '=', partnershipId).where('user_key', '=', userKey).executeTakeFirst();
  return Boolean(row);
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
