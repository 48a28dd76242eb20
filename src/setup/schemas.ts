import { z } from 'zod';
import { t } from '../i18n/index.js';
import { commaList, intString, nlMessage, optionalText } from '../core/validation.js';
import { ROLES, SCHOOL_TYPES } from '../partnership/roles.js';

export const MAX_SCHOOLS = 10;
export const MAX_WERKGROEPEN = 10;
/** Most members per setup card; fewer when long school and werkgroep lists make rows heavy. */
export const MEMBERS_PER_PAGE = 10;
/** Longest name of the partnership, a school or a werkgroep: the cards' maxLength and the schemas' limit. */
export const MAX_NAME = 100;

export const SETUP_VERBS = {
  basics: 'setup.basics',
  werkgroepen: 'setup.werkgroepen',
  members: 'setup.members',
  successor: 'setup.successor',
} as const;

const pid = z.string().uuid();

function rows<T extends z.ZodRawShape>(count: number, row: (i: number) => T): T {
  let shape = {} as T;
  for (let i = 0; i < count; i++) shape = { ...shape, ...row(i) };
  return shape;
}

export const basicsSchema = z
  .object({
    pid,
    name: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() : (v ?? '')),
      z.string(nlMessage(t.setup.errors.nameRequired)).min(1, nlMessage(t.setup.errors.nameRequired)).max(MAX_NAME, nlMessage(t.common.tooLong(t.setup.nameLabel, MAX_NAME))),
    ),
    ...rows(MAX_SCHOOLS, (i) => ({
      [`s${i}_name`]: optionalText(MAX_NAME, t.setup.schoolLabel(i + 1)),
      [`s${i}_type`]: z.enum(SCHOOL_TYPES).optional(),
    })),
  })
  .strict();

export const werkgroepenSchema = z
  .object({
    pid,
    ...rows(MAX_WERKGROEPEN, (i) => ({
      [`w${i}_name`]: optionalText(MAX_NAME, t.setup.werkgroepLabel(i + 1)),
      [`w${i}_channel`]: z.string().min(1).max(300).optional(),
    })),
  })
  .strict();

export const membersSchema = z
  .object({
    pid,
    page: intString.pipe(z.number().min(1)),
    ids: commaList(z.string().uuid()).pipe(z.array(z.string()).min(1).max(MEMBERS_PER_PAGE)),
    nav: z.enum(['prev', 'next', 'done']),
    lists: z.string().max(40),
    ...rows(MEMBERS_PER_PAGE, (i) => ({
      [`m${i}_roles`]: commaList(z.enum(ROLES)).optional(),
      [`m${i}_school`]: z.string().regex(/^(none|s\d{1,2})$/).optional(),
      [`m${i}_wg`]: commaList(z.string().regex(/^w\d{1,2}$/)).optional(),
    })),
  })
  .strict();

/** A regiegroep member's choice of the next projectleider, from the 1:1 card. */
export const successorSchema = z
  .object({
    pid,
    member: z.string(nlMessage(t.setup.successorRequired)).uuid(nlMessage(t.common.badInput)),
  })
  .strict();

export type BasicsInput = z.infer<typeof basicsSchema>;
export type WerkgroepenInput = z.infer<typeof werkgroepenSchema>;
export type MembersInput = z.infer<typeof membersSchema>;
export type SuccessorInput = z.infer<typeof successorSchema>;
