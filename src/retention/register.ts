import { byPid } from '../core/router.js';
import type { Feature } from '../services.js';
import { askDelete, confirmDelete } from './handlers.js';
import { ENDING_ACTIONS as A } from './verbs.js';

/**
 * The end of a partnership: `partnerschap verwijderen` (projectleider) with a typed
 * confirmation. The daily retention job itself is wired in app.ts (src/retention/jobs.ts),
 * since every feature may add a step to it.
 */
export const ending: Feature = {
  register({ router, services }) {
    const { retention } = services;
    router.addCommand({ words: ['partnerschap', 'verwijderen'], handle: askDelete });
    router.addAction({ verb: A.confirmDelete.verb, schema: A.confirmDelete.schema, partnership: byPid, handle: (ctx, scope, input) => confirmDelete(ctx, scope, input, retention) });
  },
};
