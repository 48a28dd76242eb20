import { t } from '../i18n/index.js';
import type { PersonalDataHolder } from '../privacy/types.js';
import type { SlotRepo } from './repo.js';

/**
 * Reminders and nudges sent to a member: one claim row per (purpose, slot, `member:<id>`).
 * Erasing deletes them; the tenant's turns hold no person.
 */
export function deliveryPersonalData(slots: SlotRepo): PersonalDataHolder {
  return {
    name: 'delivery',
    tables: {
      // recipient: `member:<id>` for a person, else a channel or conversation key.
      reminder_slots: { reminder_id: 'none', slot_at: 'none', recipient: 'personal-id', status: 'none', late: 'none', claimed_by: 'none', claimed_at: 'none', sent_at: 'none', attempts: 'none', error: 'none' },
      tenant_turns: { tenant_id: 'none', slot: 'none', free_at: 'none', holder: 'none', go_at: 'none' },
    },
    async export(p) {
      return (await slots.sentTo(`member:${p.id}`)).map((s) => ({
        category: 'messages' as const,
        table: 'reminder_slots',
        label: s.text ? t.privacy.labels.reminderSent : t.privacy.labels.nudgeSent,
        value: [s.text ?? '', t.privacy.slotStatus[s.status as keyof typeof t.privacy.slotStatus] ?? s.status].filter(Boolean).join(' · '),
        at: Number(s.sent_at ?? s.slot_at),
      }));
    },
    async erase(p) {
      return { reminder_slots: await slots.eraseRecipient(`member:${p.id}`) };
    },
  };
}
