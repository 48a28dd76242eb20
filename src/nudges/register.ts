import { t } from '../i18n/index.js';
import { UserError } from '../core/errors.js';
import { message } from '../core/router.js';
import type { Feature } from '../services.js';
import { userKeyOf } from '../partnership/repo.js';
import { OptOutRepo } from './repo.js';
import { nudgesPersonalData } from './personalData.js';

/** `geen herinneringen` / `wel herinneringen`: a member switches personal nudges off or on. */
export const nudges: Feature = {
  register({ router, services }) {
    const optouts = new OptOutRepo(services.store, () => services.clock.now());
    services.personalData.register(nudgesPersonalData(optouts));
    // The confirmations are about one person's own nudges: personal (core/audience.ts).
    router.addCommand({
      words: ['geen', 'herinneringen'],
      audience: 'personal',
      handle: async (ctx, scope) => {
        if (!scope.member) throw new UserError(t.common.notMember);
        await optouts.optOut(scope.partnership.id, userKeyOf(ctx.turn.from));
        return message(t.reminders.optOut);
      },
    });
    router.addCommand({
      words: ['wel', 'herinneringen'],
      audience: 'personal',
      handle: async (ctx, scope) => {
        if (!scope.member) throw new UserError(t.common.notMember);
        await optouts.optIn(scope.partnership.id, userKeyOf(ctx.turn.from));
        return message(t.reminders.optIn);
      },
    });
  },
};
