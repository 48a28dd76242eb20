import { z } from 'zod';
import { defineAction, positional, type ActionInput } from '../core/action.js';
import { intString } from '../core/validation.js';
import { allPartIds } from './content/index.js';
import { MAX_FIELD_TEXT } from './fields.js';

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

/** Longest reasons and conditions of a decision: the decision card's maxLength and the schema's limit. */
export const MAX_DECISION_TEXT = 2000;

const studyId = z.string().uuid();
const partId = z.string().regex(/^[a-z]{2,20}$/);
/** A part's inputs (ids differ per part): a little over the longest field, so parsePart can refuse in Dutch. */
const partInput = z.string().max(MAX_FIELD_TEXT + 100);

/** A page of a paged part, 0-based (twenty companies at five a card are pages 0-3). */
const pageNumber = z.coerce.number().int().min(0).max(19);

const partIds = allPartIds();
const memberChoice = z.string().max(40).optional();
/** The assign card's owner (`o_<part>`, a choice m0, m1, …) and due date (`d_<part>`) per part. */
export const OWNER_INPUTS = positional('o_', partIds, memberChoice);
export const DUE_INPUTS = positional('d_', partIds, z.string().max(40).optional());

/** The decision form's inputs; a werkgroep member's proposal carries the same fields as the decision it proposes. */
const decisionInputs = {
  verdict: z.enum(['haalbaar', 'haalbaar-onder-voorwaarden', 'niet-haalbaar']),
  reasons: z.string().max(MAX_DECISION_TEXT).optional(),
  conditions: z.string().max(MAX_DECISION_TEXT).optional(),
};
const decisionLimits = { reasons: MAX_DECISION_TEXT, conditions: MAX_DECISION_TEXT };

export const FEASIBILITY_ACTIONS = {
  /** "Terug naar overzicht" sits on a part card, so it arrives with that part's inputs; they are ignored. */
  overview: defineAction({ verb: FEASIBILITY_VERBS.overview, data: { studyId }, rest: partInput }),
  open: defineAction({ verb: FEASIBILITY_VERBS.open, data: { studyId, part: partId } }),
  /** Part inputs are checked against the part's own fields after this (ids differ per part). */
  /**
   * A paged part (companies, five to a card) names its page and, for "vorige"/"volgende", the
   * page to show after saving; without `next` the save goes back to the overview.
   */
  save: defineAction({ verb: FEASIBILITY_VERBS.save, data: { studyId, part: partId, rev: intString, page: pageNumber.optional(), next: pageNumber.optional() }, rest: partInput }),
  assignCard: defineAction({ verb: FEASIBILITY_VERBS.assignCard, data: { studyId } }),
  assign: defineAction({
    verb: FEASIBILITY_VERBS.assign,
    data: { studyId, ids: z.string().max(400) },
    inputs: { nudges: z.enum(['true', 'false']).optional() },
    rows: [OWNER_INPUTS, DUE_INPUTS],
  }),
  decideCard: defineAction({ verb: FEASIBILITY_VERBS.decideCard, data: { studyId } }),
  decide: defineAction({ verb: FEASIBILITY_VERBS.decide, data: { studyId }, inputs: decisionInputs, limits: decisionLimits }),
  propose: defineAction({ verb: FEASIBILITY_VERBS.propose, data: { studyId }, inputs: decisionInputs, limits: decisionLimits }),
  newVersion: defineAction({ verb: FEASIBILITY_VERBS.newVersion, data: { studyId } }),
};

export type SaveInput = ActionInput<typeof FEASIBILITY_ACTIONS.save>;
export type AssignInput = ActionInput<typeof FEASIBILITY_ACTIONS.assign>;
/** A decision or a proposal (the same inputs). */
export type DecideInput = ActionInput<typeof FEASIBILITY_ACTIONS.decide>;
