import { z } from 'zod';
import { byPid } from '../core/router.js';
import type { Feature } from '../services.js';
import { ENDING_VERBS } from './cards.js';
import { askDelete, confirmDelete } from './handlers.js';

const confirmSchema = z
  .object({
    pid: z.string().uuid(),
    name: z.string().max(200).default(''),
  })
  .strict();

/**
 * The end of a partnership: `partnerschap verwijderen` (projectleider) with a typed
 * confirmation. The daily retention job itself is wired in app.ts (src/retention/jobs.ts),
 * since every feature may add a step to it.
 */
export const ending: Feature = {
  register({ router, services }) {
    const { retention } = services;
    router.addCommand({ words: ['partnerschap', 'verwijderen'], handle: askDelete });
    router.addAction({ verb: ENDING_VERBS.confirmDelete, schema: confirmSchema, partnership: byPid, handle: (ctx, scope, input) => confirmDelete(ctx, scope, input, retention) });
  },
};
