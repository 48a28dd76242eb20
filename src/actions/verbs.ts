import { z } from 'zod';
import { defineAction, type ActionInput } from '../core/action.js';
import { optionalText } from '../core/validation.js';
import { t } from '../i18n/index.js';
import { ACTION_STATUSES } from './repo.js';

export const ACTIONS_VERBS = {
  form: 'actions.form',
  create: 'actions.create',
  update: 'actions.update',
  list: 'actions.list',
} as const;

/** Longest "wat" of an action and longest note: the cards' maxLength and the schemas' limit. */
export const MAX_WHAT = 300;
export const MAX_NOTE = 1000;

const pid = z.string().uuid();
/** A condition or domain id of the reflection content (c1 … c5, d1 … d3); checked against the content after this. */
const linkId = z.string().regex(/^[cd]\d{1,2}$/);

export const ACTIONS_ACTIONS = {
  /** "Actie toevoegen" (no link) and the summary's button per point of attention (with its condition or domain). */
  form: defineAction({ verb: ACTIONS_VERBS.form, data: { pid, runId: z.string().uuid().optional(), link: linkId.optional() } }),
  /** The form's inputs: the owner is a member id, checked against the partnership's members on the server. */
  create: defineAction({
    verb: ACTIONS_VERBS.create,
    data: { pid, runId: z.string().uuid().optional() },
    inputs: {
      what: optionalText(MAX_WHAT, t.actions.whatLabel),
      owner: z.string().uuid().optional(),
      due: z.string().max(40).optional(),
      link: linkId.optional(),
    },
    limits: { what: MAX_WHAT },
  }),
  /** The owner's 1:1 card: a new status and an optional note. */
  update: defineAction({
    verb: ACTIONS_VERBS.update,
    data: { actionId: z.string().uuid() },
    inputs: { status: z.enum(ACTION_STATUSES).optional(), note: optionalText(MAX_NOTE, t.actions.noteLabel) },
    limits: { note: MAX_NOTE },
  }),
  /** The list card's filter per werkgroep (none: everything). */
  list: defineAction({ verb: ACTIONS_VERBS.list, data: { pid, wg: z.string().uuid().optional() } }),
};

export type CreateInput = ActionInput<typeof ACTIONS_ACTIONS.create>;
export type UpdateInput = ActionInput<typeof ACTIONS_ACTIONS.update>;
