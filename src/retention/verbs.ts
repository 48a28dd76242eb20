import { z } from 'zod';
import { defineAction, type ActionInput } from '../core/action.js';

export const ENDING_VERBS = { confirmDelete: 'partnership.delete' } as const;

/** Longest name typed on the confirmation card: the card's maxLength and the schema's limit. */
export const MAX_CONFIRM_NAME = 200;

export const ENDING_ACTIONS = {
  /** The confirmation of `partnerschap verwijderen`: the partnership in the data, its name typed. */
  confirmDelete: defineAction({
    verb: ENDING_VERBS.confirmDelete,
    data: { pid: z.string().uuid() },
    inputs: { name: z.string().max(MAX_CONFIRM_NAME).default('') },
    limits: { name: MAX_CONFIRM_NAME },
  }),
};

export type ConfirmDeleteInput = ActionInput<typeof ENDING_ACTIONS.confirmDelete>;
