import { z } from 'zod';
import { defineAction, type ActionInput } from '../core/action.js';
import { REGIONS } from '../calendar/holidays/index.js';

/** Verbs shared by the reminder cards and their handlers. */
export const REMINDER_VERBS = {
  list: 'reminders.list',
  newCard: 'reminders.newCard',
  create: 'reminders.create',
  toggle: 'reminders.toggle',
  remove: 'reminders.remove',
} as const;

export const HOLIDAY_VERBS = {
  show: 'holidays.show',
  region: 'holidays.region',
  add: 'holidays.add',
  remove: 'holidays.remove',
  optional: 'holidays.optional',
  schoolAdd: 'holidays.schoolAdd',
  schoolRemove: 'holidays.schoolRemove',
} as const;

/** Longest reminder text: the create card's maxLength and the schema's limit. */
export const MAX_REMINDER_TEXT = 1000;
/** "Every n weeks": the create card's number input and the schema's range. */
export const EVERY_WEEKS = { min: 1, max: 8 } as const;
/** Which week of the month: first to fourth, or the last (-1). */
export const NTHS = ['1', '2', '3', '4', '-1'] as const;
/** Longest name of an own holiday: the card's maxLength and the schema's limit. */
export const MAX_HOLIDAY_NAME = 80;

const pid = z.string().uuid();
const reminderId = z.string().uuid();

const createInputs = {
  template: z.enum(['meeting', 'deadline', 'duo', 'free']).optional(),
  text: z.string().max(MAX_REMINDER_TEXT).optional(),
  kind: z.enum(['once', 'weekly', 'monthly']).optional(),
  date: z.string().max(20).optional(),
  time: z.string().max(10).optional(),
  every: z
    .string()
    .regex(/^\d{1,2}$/)
    .refine((v) => Number(v) >= EVERY_WEEKS.min && Number(v) <= EVERY_WEEKS.max)
    .optional(),
  weekday: z.string().regex(/^[1-7]$/).optional(),
  nth: z.enum(NTHS).optional(),
  // 'run:<id>': the non-responders of that open questionnaire; 'wg:<id>': that werkgroep's channel.
  target: z.union([z.enum(['channel', 'regiegroep', 'actionOwners']), z.string().regex(/^(run|wg):[0-9a-f-]{36}$/)]).optional(),
};
const createLimits = { text: MAX_REMINDER_TEXT, every: EVERY_WEEKS };
// Action.Execute sends every input on the card with every button, so each action knows them.
const toggle = z.enum(['true', 'false']).optional();
const holidayInputs = {
  region: z.enum(['none', ...REGIONS]).optional(),
  name: z.string().max(MAX_HOLIDAY_NAME).optional(),
  from: z.string().max(20).optional(),
  to: z.string().max(20).optional(),
  // Goede Vrijdag and Bevrijdingsdag as days off (Input.Toggle: "true" / "false").
  goedeVrijdag: toggle,
  bevrijdingsdag: toggle,
  // An mbo school's own week: which school (its id; the handler checks it is one of the
  // partnership's mbo schools), a name and the dates.
  school: z.string().max(40).optional(),
  schoolName: z.string().max(MAX_HOLIDAY_NAME).optional(),
  schoolFrom: z.string().max(20).optional(),
  schoolTo: z.string().max(20).optional(),
};
const holidayLimits = { name: MAX_HOLIDAY_NAME };
const holidayKeySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}\|\d{4}-\d{2}-\d{2}$/);

export const REMINDER_ACTIONS = {
  /** "Terug" on the create card and on the holidays card: it arrives with either card's inputs. */
  list: defineAction({ verb: REMINDER_VERBS.list, data: { pid }, inputs: { ...createInputs, ...holidayInputs } }),
  newCard: defineAction({ verb: REMINDER_VERBS.newCard, data: { pid } }),
  create: defineAction({ verb: REMINDER_VERBS.create, data: { pid }, inputs: createInputs, limits: createLimits }),
  toggle: defineAction({ verb: REMINDER_VERBS.toggle, data: { reminderId } }),
  remove: defineAction({ verb: REMINDER_VERBS.remove, data: { reminderId } }),
};

export const HOLIDAY_ACTIONS = {
  show: defineAction({ verb: HOLIDAY_VERBS.show, data: { pid }, inputs: holidayInputs }),
  region: defineAction({ verb: HOLIDAY_VERBS.region, data: { pid }, inputs: holidayInputs }),
  add: defineAction({ verb: HOLIDAY_VERBS.add, data: { pid }, inputs: holidayInputs, limits: holidayLimits }),
  remove: defineAction({ verb: HOLIDAY_VERBS.remove, data: { pid, key: holidayKeySchema }, inputs: holidayInputs }),
  optional: defineAction({ verb: HOLIDAY_VERBS.optional, data: { pid }, inputs: holidayInputs }),
  schoolAdd: defineAction({ verb: HOLIDAY_VERBS.schoolAdd, data: { pid }, inputs: holidayInputs, limits: holidayLimits }),
  schoolRemove: defineAction({ verb: HOLIDAY_VERBS.schoolRemove, data: { pid, schoolId: z.string().uuid(), key: holidayKeySchema }, inputs: holidayInputs }),
};

export type CreateInput = ActionInput<typeof REMINDER_ACTIONS.create>;
export type HolidayInput = ActionInput<typeof HOLIDAY_ACTIONS.show>;
