import { createHash } from 'node:crypto';
import { escapeMarkdown } from '../core/escape.js';
import { t } from '../i18n/index.js';
import type { MemberView, Partnership, School } from '../partnership/repo.js';
import type { AgreementContent } from './content/index.js';
import type { Agreement, Approval, Section } from './repo.js';

export type SectionStatus = 'leeg' | 'concept' | 'review' | 'akkoord';

/** Everything the agreement's cards and exports read of one agreement, read in one go. */
export interface AgreementState {
  sections: Section[];
  schools: School[];
  approvals: Approval[];
  members: MemberView[];
  parties: School[];
  partnership: Partnership;
}

/** The parties that sign: every school, and companies when the partnership chose so. */
export function partiesOf(schools: School[], agreement: Agreement): School[] {
  return schools.filter((s) => s.type !== 'bedrijf' || agreement.cosign_companies === 1);
}

/** Who may approve for a party: any member with a role at a company, the regiegroep or schoolleider at a school. */
export function approversOf(school: School, members: MemberView[]): MemberView[] {
  return members.filter((m) => m.inTeam && m.schoolId === school.id && (school.type === 'bedrijf' ? m.roles.length > 0 : m.roles.some((r) => r === 'regiegroep' || r === 'schoolleider')));
}

/** A party's approval counts for a section only at the section's current revision. */
export function approvedBy(approvals: Approval[], section: Section, schoolId: string): boolean {
  return approvals.some((a) => a.school_id === schoolId && a.section_id === section.section_id && a.decision === 'approved' && a.revision === section.revision);
}

export function sectionStatus(section: Section, parties: School[], approvals: Approval[], agreement: Agreement): SectionStatus {
  if (!section.text.trim()) return 'leeg';
  if (parties.length > 0 && parties.every((p) => approvedBy(approvals, section, p.id))) return 'akkoord';
  return agreement.status === 'drafting' ? 'concept' : 'review';
}

export function fullyApproved(sections: Section[], parties: School[], approvals: Approval[]): boolean {
  return parties.length > 0 && sections.every((s) => parties.every((p) => approvedBy(approvals, s, p.id)));
}

/** What still stands between the draft and a signed agreement, in Dutch. */
export function missingItems(content: AgreementContent, sections: Section[], agreement: Agreement, parties: School[], approvals: Approval[]): string[] {
  const text = (id: string) => sections.find((s) => s.section_id === id)?.text.trim() ?? '';
  const out: string[] = [];
  for (const def of content.sections) if (def.required && !text(def.id)) out.push(t.agreement.missingSection(def.title));
  for (const theme of content.lawThemes) {
    const def = content.sections.find((s) => s.law === theme.id)!;
    if (!text(def.id)) out.push(t.agreement.missingLaw(theme.title));
  }
  if (!agreement.duo_date) out.push(t.agreement.missingDuo);
  for (const p of parties) if (!sections.every((s) => approvedBy(approvals, s, p.id))) out.push(t.agreement.missingApproval(escapeMarkdown(p.name)));
  return out;
}

/** Fingerprint of every section's revision: an approval card is only valid for the text it showed. */
export function revisionStamp(sections: Section[]): string {
  const key = [...sections].sort((a, b) => a.section_id.localeCompare(b.section_id)).map((s) => `${s.section_id}:${s.revision}`).join(',');
  return createHash('sha256').update(key).digest('base64url').slice(0, 16);
}

export const PAGE_CHARS = 8_000;
export const MAX_SECTION_CHARS = 20_000;

export function pagesOf(text: string): number {
  return Math.max(1, Math.ceil(text.length / PAGE_CHARS));
}

export function pageText(text: string, page: number): string {
  return text.slice((page - 1) * PAGE_CHARS, page * PAGE_CHARS);
}

/** The whole text after replacing one page of it. */
export function replacePage(text: string, page: number, replacement: string): string {
  return text.slice(0, (page - 1) * PAGE_CHARS) + replacement + text.slice(page * PAGE_CHARS);
}
