import { z } from 'zod';
import { intString } from '../core/validation.js';

export const FEASIBILITY_VERBS = {
  overview: 'feasibility.overview',
  open: 'feasibility.open',
  save: 'feasibility.save',
  assignCard: 'feasibility.assignCard',
  assign: 'feasibility.assign',
  decideCard: 'feasibility.decideCard',
  decide: 'feasibility.decide',
  propose: 'feasibility.propose',
  newVersion: 'feasibility.newVersion',
} as const;

const studyId = z.string().uuid();
const partId = z.string().regex(/^[a-z]{2,20}$/);

export const studySchema = z.object({ studyId }).strict();
/** "Terug naar overzicht" sits on a part card, so it arrives with that part's inputs; they are ignored. */
export const backSchema = z.object({ studyId }).catchall(z.string().max(2100));
export const openSchema = z.object({ studyId, part: partId }).strict();
/** Part inputs are checked against the part's own fields after this (ids differ per part). */
export const saveSchema = z
  .object({ studyId, part: partId, rev: intString })
  .catchall(z.string().max(2100));
export const assignSchema = z
  .object({ studyId, ids: z.string().max(400) })
  .catchall(z.string().max(40));
export const decideSchema = z
  .object({
    studyId,
    verdict: z.enum(['haalbaar', 'haalbaar-onder-voorwaarden', 'niet-haalbaar']),
    reasons: z.string().max(2000).optional(),
    conditions: z.string().max(2000).optional(),
  })
  .strict();
/** A werkgroep member's proposal carries the same fields as the decision it proposes. */
export const proposeSchema = decideSchema;
