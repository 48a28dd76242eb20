import { z } from 'zod';
import { t } from '../i18n/index.js';
import { defineAction, positional, type ActionInput } from '../core/action.js';
import { intString, nlMessage } from '../core/validation.js';
import { LAYERS, MAX_COMMENT } from './model.js';
import { DEFAULT_MIN_GROUP, MAX_MIN_GROUP } from './limits.js';

export const REFLECTION_VERBS = {
  start: 'reflection.start',
  open: 'reflection.open',
  part: 'reflection.part',
  send: 'reflection.send',
  csv: 'reflection.csv',
} as const;

/** Most items on one part card; positional input ids i0…i11. */
export const MAX_ITEMS_PER_PART = 12;

const runId = z.string().uuid();
const version = z.string().min(1).max(20);
const answerValue = z.string().max(MAX_COMMENT + 10, nlMessage(t.common.tooLong('Een antwoord', MAX_COMMENT)));
/** A part card's answers, one input per item in the part's order. */
export const ITEM_INPUTS = positional('i', MAX_ITEMS_PER_PART, answerValue.optional());

export const REFLECTION_ACTIONS = {
  start: defineAction({
    verb: REFLECTION_VERBS.start,
    data: { pid: z.string().uuid(), lists: z.string().max(40) },
    inputs: {
      who: z.string().regex(/^(all|w\d{1,2})$/),
      date: z.string().max(20),
      time: z.string().max(10),
      perSchool: z.enum(['true', 'false']).default('false'),
      nudges: z.enum(['true', 'false']).default('false'),
    },
  }),
  open: defineAction({ verb: REFLECTION_VERBS.open, data: { runId } }),
  part: defineAction({
    verb: REFLECTION_VERBS.part,
    data: { runId, part: intString.pipe(z.number().max(50)), v: version, nav: z.enum(['prev', 'next', 'later', 'open']) },
    inputs: { school: z.string().regex(/^(none|s\d{1,2})$/).optional(), layer: z.enum(LAYERS).optional() },
    rows: [ITEM_INPUTS],
    // The card's maxLength; answerValue allows a little more so the refusal can be in Dutch.
    limits: { comment: MAX_COMMENT },
  }),
  send: defineAction({ verb: REFLECTION_VERBS.send, data: { runId, v: version } }),
  csv: defineAction({ verb: REFLECTION_VERBS.csv, data: { runId } }),
};

/** `groepsgrootte 5`: one whole number from 3 to 10 (a typed command, so no card contract). */
export const minGroupArgs = z.tuple([intString.pipe(z.number().int().min(DEFAULT_MIN_GROUP).max(MAX_MIN_GROUP))]);

export type StartInput = ActionInput<typeof REFLECTION_ACTIONS.start>;
export type PartInput = ActionInput<typeof REFLECTION_ACTIONS.part>;
