import type { SchoolType } from '../partnership/roles.js';
import type { Services } from '../services.js';
import { formatDateTime, isoDate } from '../time/amsterdam.js';
import { compareRuns, parsePublication, type Publication } from '../reflection/publish.js';
import { feasibilityFactsIn, SHARED_COSTS_ID, type FeasibilityFactsReader } from '../feasibility/facts.js';
import { t } from '../i18n/index.js';
import { sectionCounts } from '../agreement/status.js';
import { agreementContent } from '../agreement/content/index.js';
import { missingItems, partiesOf, type SectionStatus } from '../agreement/state.js';
import { AgreementRepo } from '../agreement/repo.js';
import type { ReportRepo } from './repo.js';

/** The actions and their status (issue 17: another feature keeps them); an empty list until it is wired. */
export interface ReportActions {
  list(partnershipId: string): Promise<Array<{ what: string; owner: string; due: string; status: string }>>;
}

export const NO_ACTIONS: ReportActions = { list: async () => [] };

export interface CaseRow {
  label: string;
  cost: number;
  income: number;
  coverage: number | null;
}

/** Everything the report shows, read once: only what the gate published and the other features' status. */
export interface ReportData {
  partnership: string;
  date: string;
  schools: Array<{ name: string; type: SchoolType }>;
  run: { seq: number; closedAt: string; publication: Publication } | null;
  previous: { seq: number; publication: Publication } | null;
  changes: Array<{ id: string; name: string; before: number | null; now: number | null; change: number | null }> | null;
  actions: Array<{ what: string; owner: string; due: string; status: string }>;
  feasibility: { verdict: string | null; suggested: string; perSchool: boolean; rows: CaseRow[]; coverage: number | null; gap: number } | null;
  agreement: { counts: Record<SectionStatus, number>; duo: string | null; missing: string[] } | null;
}

/** Dutch texts other features wrote for Markdown (cards) read as plain text in Word. */
const plain = (s: string) => s.replace(/\\([\\`*_{}[\]()#+\-.!|>~<])/g, '$1');

export interface ReportSources {
  actions: ReportActions;
  feasibility?: FeasibilityFactsReader;
}

export async function reportData(services: Services, repo: ReportRepo, partnershipId: string, sources: ReportSources): Promise<ReportData> {
  const { clock } = services;
  const [partnership, schools, runs, actions] = await Promise.all([services.repo.get(partnershipId), services.repo.schools(partnershipId), repo.closedRuns(partnershipId, 2), sources.actions.list(partnershipId)]);
  // The figures frozen at close, never the answers: what the channel saw is what the board reads.
  const published = runs.map((r) => ({ seq: Number(r.seq), closedAt: r.closed_at === null ? null : Number(r.closed_at), publication: parsePublication(r.summary_json) }));
  const last = published[0]?.publication ? published[0] : undefined;
  const before = published[1]?.publication ? published[1] : undefined;
  let changes: ReportData['changes'] = null;
  if (last && before && last.publication!.enough) {
    const diff = compareRuns(before.publication!, last.publication!);
    changes = diff.map((d) => ({
      id: d.id,
      name: d.name,
      before: before.publication!.groups.find((g) => g.id === d.id)?.figure?.mean ?? null,
      now: last.publication!.groups.find((g) => g.id === d.id)?.figure?.mean ?? null,
      change: d.change,
    }));
  }

  const facts = await (sources.feasibility ?? feasibilityFactsIn(services.store, () => clock.now())).facts(partnershipId);
  let feasibility: ReportData['feasibility'] = null;
  if (facts) {
    const bc = facts.figures.case;
    // Per school over the first five partnership years (src/feasibility/businessCase.ts).
    const rows: CaseRow[] = bc.schools.map((s) => ({ label: s.schoolId === SHARED_COSTS_ID ? t.feasibility.bc.shared : s.name, cost: s.total.cost, income: s.total.income, coverage: s.total.coverage }));
    feasibility = { verdict: facts.verdict, suggested: facts.figures.suggestion.verdict, perSchool: rows.length > 0, rows, coverage: bc.partnership.total.coverage, gap: bc.gap };
  }

  const agreements = new AgreementRepo(services.store, () => clock.now());
  const agreementRow = await agreements.forPartnership(partnershipId);
  let agreement: ReportData['agreement'] = null;
  if (agreementRow) {
    const [sections, approvals] = await Promise.all([agreements.sections(agreementRow.id), agreements.approvals(agreementRow.id)]);
    agreement = {
      counts: sectionCounts(schools, agreementRow, sections, approvals),
      duo: agreementRow.duo_date,
      missing: missingItems(agreementContent(), sections, agreementRow, partiesOf(schools, agreementRow), approvals).map(plain),
    };
  }

  return {
    partnership: partnership?.name ?? '',
    date: isoDate(clock.now()),
    schools: schools.map((s) => ({ name: s.name, type: s.type })),
    run: last ? { seq: last.seq, closedAt: last.closedAt === null ? '' : formatDateTime(last.closedAt), publication: last.publication! } : null,
    previous: before ? { seq: before.seq, publication: before.publication! } : null,
    changes,
    actions,
    feasibility,
    agreement,
  };
}
