import { z } from 'zod';
import { defineAction, type ActionInput } from '../core/action.js';
import { intString } from '../core/validation.js';
import { MAX_SECTION_CHARS } from './state.js';

export const AGREEMENT_VERBS = {
  overview: 'agreement.overview',
  open: 'agreement.open',
  save: 'agreement.save',
  comment: 'agreement.comment',
  versions: 'agreement.versions',
  settingsCard: 'agreement.settingsCard',
  settings: 'agreement.settings',
  request: 'agreement.request',
  decide: 'agreement.decide',
  download: 'agreement.download',
} as const;

/** Longest comment on a section and remark on an approval: the cards' maxLength and the schemas' limit. */
export const MAX_COMMENT = 2000;
export const MAX_REMARK = 2000;

const agreementId = z.string().uuid();
const section = z.string().regex(/^[a-z]{2,30}$/);
// The card allows MAX_SECTION_CHARS per page; a little slack so the length check can answer in Dutch.
const text = z.string().max(MAX_SECTION_CHARS + 5_000);

// Every Action.Execute sends all inputs of its card, so each action names (and ignores) the
// inputs of the cards its buttons sit on: the overview's section picker, the section card's
// text and comment, the approval card's remark.
const overviewInputs = { section: section.optional() };
const sectionInputs = { text: text.optional(), comment: z.string().max(MAX_COMMENT).optional() };
const sectionLimits = { text: MAX_SECTION_CHARS, comment: MAX_COMMENT };
const approvalInputs = { remark: z.string().max(MAX_REMARK).optional() };

export const AGREEMENT_ACTIONS = {
  overview: defineAction({ verb: AGREEMENT_VERBS.overview, data: { agreementId }, inputs: sectionInputs }),
  /** From the overview the section comes from its picker; from a section card's page buttons, in the data. */
  open: defineAction({ verb: AGREEMENT_VERBS.open, data: { agreementId, page: intString.optional() }, inputs: { section, ...sectionInputs } }),
  save: defineAction({
    verb: AGREEMENT_VERBS.save,
    data: { agreementId, section, rev: intString, page: intString.pipe(z.number().min(1)) },
    inputs: sectionInputs,
    limits: sectionLimits,
  }),
  comment: defineAction({ verb: AGREEMENT_VERBS.comment, data: { agreementId, section }, inputs: sectionInputs }),
  versions: defineAction({ verb: AGREEMENT_VERBS.versions, data: { agreementId, section }, inputs: sectionInputs }),
  settingsCard: defineAction({ verb: AGREEMENT_VERBS.settingsCard, data: { agreementId }, inputs: overviewInputs }),
  settings: defineAction({
    verb: AGREEMENT_VERBS.settings,
    data: { agreementId },
    inputs: { cosign: z.enum(['true', 'false']).optional(), duoDate: z.string().max(20).optional() },
  }),
  request: defineAction({ verb: AGREEMENT_VERBS.request, data: { agreementId }, inputs: overviewInputs }),
  decide: defineAction({
    verb: AGREEMENT_VERBS.decide,
    data: { agreementId, schoolId: z.string().uuid(), stamp: z.string().max(40), decision: z.enum(['approved', 'returned']) },
    inputs: approvalInputs,
    limits: { remark: MAX_REMARK },
  }),
  download: defineAction({ verb: AGREEMENT_VERBS.download, data: { agreementId, format: z.enum(['docx', 'csv', 'json']) }, inputs: { ...overviewInputs, ...approvalInputs } }),
};

export type AgreementInput<K extends keyof typeof AGREEMENT_ACTIONS> = ActionInput<(typeof AGREEMENT_ACTIONS)[K]>;
