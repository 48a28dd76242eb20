import { t, view } from '../i18n/index.js';
import { FORMER_MEMBER, type PersonalDataHolder } from '../privacy/types.js';
import type { AgreementRepo } from './repo.js';

/**
 * What a member wrote in the agreement (their own versions of sections, their comments),
 * the approvals they gave and the sections they own. Erasing keeps texts and comments with
 * the agreement, shown as by "oud-lid", and approvals with the approver's name (art. 17(3)(b)).
 */
export function agreementPersonalData(repo: AgreementRepo): PersonalDataHolder {
  const L = view((c) => c.privacy.labels);
  return {
    name: 'agreement',
    tables: {
      agreements: { id: 'none', partnership_id: 'none', status: 'none', cosign_companies: 'none', duo_date: 'none', overview_conversation_id: 'none', overview_activity_id: 'none', created_at: 'none' },
      // text: the section as it stands, written together; each person's own versions are in agreement_section_versions.
      agreement_sections: { agreement_id: 'none', section_id: 'none', revision: 'none', text: 'member-text', owner_member_id: 'personal-id', updated_by: 'personal-id', updated_at: 'none' },
      agreement_section_versions: { agreement_id: 'none', section_id: 'none', revision: 'none', text: 'member-text', member_id: 'personal-id', saved_at: 'none' },
      agreement_comments: { id: 'none', agreement_id: 'none', section_id: 'none', member_id: 'personal-id', text: 'member-text', created_at: 'none' },
      agreement_approvals: { agreement_id: 'none', school_id: 'none', section_id: 'none', revision: 'none', decision: 'none', remark: 'member-text', member_id: 'personal-id', decided_at: 'none', approver_name: 'name' },
    },
    async export(p) {
      const rows = await repo.personalRows(p.id);
      return [
        ...rows.versions.map((v) => ({ category: 'texts' as const, table: 'agreement_section_versions', label: L.sectionVersion(v.section_id, Number(v.revision)), value: v.text, at: Number(v.saved_at) })),
        ...rows.comments.map((c) => ({ category: 'comments' as const, table: 'agreement_comments', label: L.comment(c.section_id), value: c.text, at: Number(c.created_at) })),
        ...rows.approvals.map((a) => ({
          category: 'comments' as const,
          table: 'agreement_approvals',
          label: L.approval(a.school ?? '?', a.section_id, Number(a.revision)),
          value: [t.agreement.docDecision[a.decision] ?? a.decision, a.remark ?? ''].filter(Boolean).join(': '),
          at: Number(a.decided_at),
        })),
        ...rows.owned.map((o) => ({ category: 'tasks' as const, table: 'agreement_sections', label: L.sectionOwner(o.section_id), value: t.privacy.yes })),
      ];
    },
    erase: (p) => repo.erasePerson(p.id, p.name, FORMER_MEMBER),
  };
}
