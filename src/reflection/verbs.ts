import { z } from 'zod';
import { t } from '../i18n/index.js';
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

export const startSchema = z
  .object({
    pid: z.string().uuid(),
    lists: z.string().max(40),
    who: z.string().regex(/^(all|w\d{1,2})$/),
    date: z.string().max(20),
    time: z.string().max(10),
    perSchool: z.enum(['true', 'false']).default('false'),
    nudges: z.enum(['true', 'false']).default('false'),
  })
  .strict();

export const openSchema = z.object({ runId: z.string().uuid() }).strict();

const answerValue = z.string().max(MAX_COMMENT + 10, nlMessage(t.common.tooLong('Een antwoord', MAX_COMMENT)));

export const partSchema = z
  .object({
    runId: z.string().uuid(),
    part: intString.pipe(z.number().max(50)),
    v: z.string().min(1).max(20),
    nav: z.enum(['prev', 'next', 'later', 'open']),
    school: z.string().regex(/^(none|s\d{1,2})$/).optional(),
    layer: z.enum(LAYERS).optional(),
    ...Object.fromEntries(Array.from({ length: MAX_ITEMS_PER_PART }, (_, i) => [`i${i}`, answerValue.optional()])),
  })
  .strict();

/** `groepsgrootte 5`: one whole number from 3 to 10. */
export const minGroupArgs = z.tuple([intString.pipe(z.number().int().min(DEFAULT_MIN_GROUP).max(MAX_MIN_GROUP))]);

export const sendSchema = z.object({ runId: z.string().uuid(), v: z.string().min(1).max(20) }).strict();
export const csvSchema = z.object({ runId: z.string().uuid() }).strict();

export type StartInput = z.infer<typeof startSchema>;
export type PartInput = z.infer<typeof partSchema> & Record<string, string | undefined>;

