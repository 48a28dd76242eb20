import { z } from 'zod';
import { intString } from '../core/validation.js';

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

const agreementId = z.string().uuid();
const section = z.string().regex(/^[a-z]{2,30}$/);
// Section text may be up to 20,000 characters; a little slack so the length check can answer in Dutch.
const text = z.string().max(25_000);

// Every Action.Execute sends all inputs of its card, so each schema allows (and ignores)
// the inputs of the cards its buttons sit on: the overview's section picker, the section
// card's text and comment, the approval card's remark.
const overviewInputs = { section: section.optional() };
const sectionInputs = { text: text.optional(), comment: z.string().max(2000).optional() };
export const idSchema = z.object({ agreementId, ...overviewInputs }).strict();
export const backSchema = z.object({ agreementId, ...sectionInputs }).strict();
export const openSchema = z.object({ agreementId, section, page: intString.optional(), text: text.optional(), comment: z.string().max(2000).optional() }).strict();
export const saveSchema = z.object({ agreementId, section, rev: intString, page: intString.pipe(z.number().min(1)), text: text.optional(), comment: z.string().max(2000).optional() }).strict();
export const commentSchema = z.object({ agreementId, section, text: text.optional(), comment: z.string().max(2000).optional() }).strict();
export const versionsSchema = z.object({ agreementId, section, ...sectionInputs }).strict();
export const settingsSchema = z.object({ agreementId, cosign: z.enum(['true', 'false']).optional(), duoDate: z.string().max(20).optional() }).strict();
export const decideSchema = z
  .object({ agreementId, schoolId: z.string().uuid(), stamp: z.string().max(40), decision: z.enum(['approved', 'returned']), remark: z.string().max(2000).optional() })
  .strict();
export const downloadSchema = z.object({ agreementId, format: z.enum(['docx', 'csv', 'json']), ...overviewInputs, remark: z.string().max(2000).optional() }).strict();
