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
} as const;
