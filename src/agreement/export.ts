import { t } from '../i18n/index.js';
import type { DownloadFile } from '../downloads/links.js';
import { toCsv } from '../export/csv.js';
import { formatDateTime } from '../time/amsterdam.js';
import { agreementContent } from './content/index.js';
import { approvedBy, type AgreementState } from './state.js';

export type ExportFormat = 'docx' | 'csv' | 'json';

/** The agreement as a file; its version is the sum of the sections' revisions. `date` is the day of the export. */
export async function agreementFile(s: AgreementState, format: ExportFormat, date: string): Promise<DownloadFile> {
  const content = agreementContent();
  const byId = new Map(s.sections.map((x) => [x.section_id, x]));
  const version = s.sections.reduce((n, x) => n + x.revision, 0);
  const base = `samenwerkingsovereenkomst-v${version}`;
  if (format === 'json') {
    const body = JSON.stringify({ partnership: s.partnership.name, version, sections: content.sections.map((d) => ({ id: d.id, title: d.title, revision: byId.get(d.id)?.revision ?? 0, text: byId.get(d.id)?.text ?? '' })) }, null, 2);
    return { filename: `${base}.json`, contentType: 'application/json; charset=utf-8', body };
  }
  if (format === 'csv') {
    const rows = [['onderdeel', 'versie', 'tekst'], ...content.sections.map((d) => [d.title, byId.get(d.id)?.revision ?? 0, byId.get(d.id)?.text ?? ''])];
    // Section texts are typed by members: toCsv neutralises a text that would start a formula.
    return { filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: toCsv(rows, { bom: true }) };
  }
  const approvals = s.parties.map((p) => {
    const rows = s.approvals.filter((a) => a.school_id === p.id);
    const all = s.sections.every((sec) => approvedBy(s.approvals, sec, p.id));
    const last = rows.sort((a, b) => Number(b.decided_at) - Number(a.decided_at))[0];
    return {
      party: p.name,
      decision: all ? t.agreement.docDecision.approved! : last?.decision === 'returned' ? t.agreement.docDecision.returned! : t.agreement.docDecision.open!,
      // An erased approver's name is on the approval row itself (migration 014).
      by: last ? (last.approver_name ?? s.members.find((m) => m.id === last.member_id)?.name ?? '') : '',
      date: last ? formatDateTime(Number(last.decided_at)) : '',
    };
  });
  // docx is large and only needed for this export: loaded on the first one, not at start.
  const { agreementDocx } = await import('./docx.js');
  const body = await agreementDocx({ partnershipName: s.partnership.name ?? '', content, sections: s.sections, parties: s.parties, approvals, version, date });
  return { filename: `${base}.docx`, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', body };
}
