import { t } from '../i18n/index.js';
import { FORMER_MEMBER, type PersonalDataHolder } from '../privacy/types.js';
import type { ActionsRepo } from './repo.js';

/**
 * The actions a member owns or made and the notes they wrote. Erasing keeps the actions and
 * notes with the partnership (its agreements): an owned action gets no owner, what they made
 * or wrote is shown as by "oud-lid".
 */
export function actionsPersonalData(repo: ActionsRepo): PersonalDataHolder {
  const L = t.actions.privacyLabels;
  return {
    name: 'actions',
    tables: {
      actions: {
        id: 'none',
        partnership_id: 'none',
        // What the partnership agreed to do, written by the projectleider or the regiegroep.
        what: 'member-text',
        owner_member_id: 'personal-id',
        due_date: 'none',
        link_kind: 'none',
        link_id: 'none',
        status: 'none',
        source_run_id: 'none',
        created_by: 'personal-id',
        created_at: 'none',
        updated_at: 'none',
      },
      action_notes: { action_id: 'none', seq: 'none', text: 'member-text', author_member_id: 'personal-id', created_at: 'none' },
      action_boards: { partnership_id: 'none', conversation_id: 'none', activity_id: 'none', werkgroep_id: 'none', updated_at: 'none' },
    },
    async export(p) {
      const rows = await repo.personalRows(p.id);
      return [
        ...rows.owned.map((a) => ({ category: 'tasks' as const, table: 'actions', label: L.actionOwner(a.due_date, t.actions.status[a.status] ?? a.status), value: a.what, at: Number(a.created_at) })),
        ...rows.created.map((a) => ({ category: 'texts' as const, table: 'actions', label: L.actionMade(a.due_date), value: a.what, at: Number(a.created_at) })),
        ...rows.notes.map((n) => ({ category: 'texts' as const, table: 'action_notes', label: L.actionNote, value: n.text, at: Number(n.created_at) })),
      ];
    },
    erase: (p) => repo.erasePerson(p.id, FORMER_MEMBER),
  };
}
