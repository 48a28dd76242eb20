import { t, view } from '../i18n/index.js';
import { FORMER_MEMBER, type PersonalDataHolder } from '../privacy/types.js';
import type { FeasibilityRepo } from './repo.js';

/**
 * What a member wrote in a feasibility study (their own changes: the new value of each field
 * they changed, never the old value someone else wrote), the decisions they recorded, the
 * versions they started and the parts they own. Erasing keeps the texts with the study,
 * shown as by "oud-lid"; owned parts get no owner.
 */
export function feasibilityPersonalData(repo: FeasibilityRepo): PersonalDataHolder {
  const L = view((c) => c.privacy.labels);
  return {
    name: 'feasibility',
    tables: {
      feasibility_studies: { id: 'none', partnership_id: 'none', werkgroep_id: 'none', version: 'none', status: 'none', overview_conversation_id: 'none', overview_activity_id: 'none', created_by: 'personal-id', created_at: 'none', nudges: 'none', content_version: 'none' },
      // data: the part's current values, written together; each person's own share is in feasibility_changes.
      feasibility_parts: { study_id: 'none', part_id: 'none', data: 'member-text', revision: 'none', status: 'none', owner_member_id: 'personal-id', due_date: 'none', updated_by: 'personal-id', updated_at: 'none' },
      feasibility_changes: { study_id: 'none', part_id: 'none', revision: 'none', field_key: 'none', old_value: 'member-text', new_value: 'member-text', member_id: 'personal-id', changed_at: 'none' },
      feasibility_decisions: { study_id: 'none', verdict: 'none', suggested: 'none', reasons: 'member-text', conditions: 'member-text', decided_by: 'personal-id', decided_at: 'none' },
      // A werkgroep member's proposed verdict; it stays with the study like a decision.
      feasibility_proposals: { study_id: 'none', verdict: 'none', reasons: 'member-text', conditions: 'member-text', proposed_by: 'personal-id', proposed_at: 'none' },
    },
    async export(p) {
      const rows = await repo.personalRows(p.id);
      return [
        ...rows.changes.map((c) => ({ category: 'texts' as const, table: 'feasibility_changes', label: L.studyChange(Number(c.version), c.part_id, c.field_key, Number(c.revision)), value: c.new_value ?? t.privacy.emptied, at: Number(c.changed_at) })),
        ...rows.decisions.map((d) => ({ category: 'texts' as const, table: 'feasibility_decisions', label: L.decision(Number(d.version), d.verdict), value: [d.reasons, d.conditions].filter(Boolean).join('\n'), at: Number(d.decided_at) })),
        ...rows.proposals.map((d) => ({ category: 'texts' as const, table: 'feasibility_proposals', label: L.proposal(Number(d.version), d.verdict), value: [d.reasons, d.conditions].filter(Boolean).join('\n'), at: Number(d.proposed_at) })),
        ...rows.started.map((s) => ({ category: 'tasks' as const, table: 'feasibility_studies', label: L.studyStarted(Number(s.version)), value: t.privacy.yes, at: Number(s.created_at) })),
        ...rows.owned.map((o) => ({ category: 'tasks' as const, table: 'feasibility_parts', label: L.partOwner(Number(o.version), o.part_id), value: o.due_date ?? t.privacy.none })),
      ];
    },
    erase: (p) => repo.erasePerson(p.id, FORMER_MEMBER),
  };
}
