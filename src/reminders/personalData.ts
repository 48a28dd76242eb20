import { t } from '../i18n/index.js';
import { FORMER_MEMBER, type PersonalDataHolder } from '../privacy/types.js';
import type { ReminderRepo } from './repo.js';

/** Reminders a member planned: the text is theirs; erasing keeps the reminder, planned by "oud-lid". */
export function remindersPersonalData(repo: ReminderRepo): PersonalDataHolder {
  return {
    name: 'reminders',
    tables: {
      // target_ref: a channel, a conversation the reminder goes to, or a run; never a person.
      reminders: { id: 'none', partnership_id: 'none', created_by: 'personal-id', status: 'none', rule: 'none', target: 'none', target_ref: 'none', text: 'member-text', teacher_nudge: 'none', next_at: 'none', last_slot_at: 'none', created_at: 'none' },
    },
    async export(p) {
      return (await repo.createdBy(p.id)).map((r) => ({ category: 'texts' as const, table: 'reminders', label: t.privacy.labels.reminderPlanned, value: r.text, at: Number(r.created_at) }));
    },
    async erase(p) {
      return { reminders: await repo.erasePerson(p.id, FORMER_MEMBER) };
    },
  };
}
