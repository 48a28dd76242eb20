import { z } from 'zod';
import { defineAction } from '../core/action.js';

export const PROGRESS_VERBS = { post: 'progress.post', digest: 'progress.digest' } as const;

const pid = z.string().uuid();
export const PROGRESS_ACTIONS = {
  post: defineAction({ verb: PROGRESS_VERBS.post, data: { pid } }),
  /** The button says what to switch to: on when the digest is off, and back. */
  digest: defineAction({ verb: PROGRESS_VERBS.digest, data: { pid, on: z.enum(['true', 'false']) } }),
};
