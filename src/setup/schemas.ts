import { z } from 'zod';
import { t } from '../i18n/index.js';
import { defineAction, rows, type ActionInput } from '../core/action.js';
import { commaList, intString, nlMessage, optionalText } from '../core/validation.js';
import { ROLES, SCHOOL_TYPES, WERKGROEP_KINDS } from '../partnership/roles.js';
import { LANGUAGES } from '../i18n/index.js';

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
  schoolLeave: 'setup.schoolLeave',
} as const;

const pid = z.string().uuid();

/** The basics card's school rows: s0_name, s0_type … s9_type. */
export const SCHOOL_INPUTS = rows('s', MAX_SCHOOLS, (i) => ({
  _name: optionalText(MAX_NAME, t.setup.schoolLabel(i + 1)),
  _type: z.enum(SCHOOL_TYPES).optional(),
}));
/** The werkgroepen card's rows: w0_name, w0_channel … */
export const WERKGROEP_INPUTS = rows('w', MAX_WERKGROEPEN, (i) => ({
  _name: optionalText(MAX_NAME, t.setup.werkgroepLabel(i + 1)),
  _channel: z.string().min(1).max(300).optional(),
  _kind: z.enum(WERKGROEP_KINDS).optional(),
}));
/** The members card's rows, one per member in the order of `ids`: m0_roles, m0_school, m0_wg … */
export const MEMBER_INPUTS = rows('m', MEMBERS_PER_PAGE, () => ({
  _roles: commaList(z.enum(ROLES)).optional(),
  _school: z.string().regex(/^(none|s\d{1,2})$/).optional(),
  _wg: commaList(z.string().regex(/^w\d{1,2}$/)).optional(),
}));

const basicsInputs = {
  name: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : (v ?? '')),
    z.string(nlMessage(t.setup.errors.nameRequired)).min(1, nlMessage(t.setup.errors.nameRequired)).max(MAX_NAME, nlMessage(t.common.tooLong(t.setup.nameLabel, MAX_NAME))),
  ),
  /** The partnership's language (its channels, and members who chose none); unset keeps it. */
  language: z.enum(LANGUAGES).optional(),
};

export const SETUP_ACTIONS = {
  basics: defineAction({ verb: SETUP_VERBS.basics, data: { pid }, inputs: basicsInputs, rows: [SCHOOL_INPUTS], limits: { name: MAX_NAME } }),
  /**
   * A school with people leaves (setup/schoolLeave.ts): the confirmation card has no inputs, so
   * its button carries the basics card's values again, with confirm, and saveBasics runs once more.
   */
  schoolLeave: defineAction({ verb: SETUP_VERBS.schoolLeave, data: { pid, confirm: z.literal('yes') }, inputs: basicsInputs, rows: [SCHOOL_INPUTS] }),
  werkgroepen: defineAction({ verb: SETUP_VERBS.werkgroepen, data: { pid }, rows: [WERKGROEP_INPUTS], limits: { name: MAX_NAME } }),
  members: defineAction({
    verb: SETUP_VERBS.members,
    data: {
      pid,
      page: intString.pipe(z.number().min(1)),
      ids: commaList(z.string().uuid()).pipe(z.array(z.string()).min(1).max(MEMBERS_PER_PAGE)),
      nav: z.enum(['prev', 'next', 'done']),
      lists: z.string().max(40),
    },
    rows: [MEMBER_INPUTS],
  }),
  /** A regiegroep member's choice of the next projectleider, from the 1:1 card. */
  successor: defineAction({
    verb: SETUP_VERBS.successor,
    data: { pid },
    inputs: { member: z.string(nlMessage(t.setup.successorRequired)).uuid(nlMessage(t.common.badInput)) },
  }),
};

export type BasicsInput = ActionInput<typeof SETUP_ACTIONS.basics>;
export type SchoolLeaveInput = ActionInput<typeof SETUP_ACTIONS.schoolLeave>;
export type WerkgroepenInput = ActionInput<typeof SETUP_ACTIONS.werkgroepen>;
export type MembersInput = ActionInput<typeof SETUP_ACTIONS.members>;
export type SuccessorInput = ActionInput<typeof SETUP_ACTIONS.successor>;
