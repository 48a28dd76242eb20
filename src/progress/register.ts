import type { Feature } from '../services.js';
import { byPid } from '../core/router.js';
import { ProgressCard } from './cards.js';
import { WeeklyDigest } from './digest.js';
import { ProgressHandlers } from './handlers.js';
import { ProgressRepo } from './repo.js';
import { PROGRESS_ACTIONS as A } from './verbs.js';

export interface ProgressHandle {
  progress: ProgressCard;
  digest: WeeklyDigest;
}

/** `voortgang` for the projectleider and regiegroep, and the weekly digest to the projectleider. */
export const progress: Feature<ProgressHandle> = {
  register({ router, services }) {
    const cards = new ProgressCard(services, new ProgressRepo(services.store));
    const h = new ProgressHandlers(services, cards);
    // The card with its controls is the projectleider's and the regiegroep's own view: asked in a
    // channel it arrives in the 1:1 chat; "Plaats in Algemeen" is how it is shared on purpose.
    router.addCommand({ words: ['voortgang'], audience: 'personal', handle: (ctx, scope) => h.command(ctx, scope) });
    router.addAction({ verb: A.post.verb, schema: A.post.schema, partnership: byPid, handle: (ctx, scope) => h.post(scope) });
    router.addAction({ verb: A.digest.verb, schema: A.digest.schema, partnership: byPid, audience: 'personal', handle: (ctx, scope, i) => h.digest(scope, i.on === 'true') });
    const digest = new WeeklyDigest(services, cards);
    digest.register();
    return { progress: cards, digest };
  },
};
