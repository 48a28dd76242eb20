import type { School } from '../partnership/repo.js';
import { agreementContent } from './content/index.js';
import type { Agreement, Approval, Section } from './repo.js';
import { partiesOf, sectionStatus, type SectionStatus } from './state.js';

/** The agreement's read interface for voortgang: how many sections stand where. */
export function sectionCounts(schools: School[], agreement: Agreement, sections: Section[], approvals: Approval[]): Record<SectionStatus, number> {
  const parties = partiesOf(schools, agreement);
  const counts: Record<SectionStatus, number> = { leeg: 0, concept: 0, review: 0, akkoord: 0 };
  for (const def of agreementContent().sections) {
    const sec = sections.find((x) => x.section_id === def.id);
    if (sec) counts[sectionStatus(sec, parties, approvals, agreement)]++;
  }
  return counts;
}
