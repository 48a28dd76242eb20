import type { Selectable } from 'kysely';
import type { Store } from '../store/db.js';
import type { AgreementApprovalTable, AgreementSectionTable, AgreementTable, FeasibilityDecisionTable, FeasibilityPartTable, FeasibilityStudyTable, ReflectionRunTable } from '../store/schema.js';

/** How many reflection runs voortgang shows. */
export const RUNS_SHOWN = 3;
/** How many planned reminders voortgang shows. */
export const REMINDERS_SHOWN = 3;

export interface ProgressData {
  runs: Array<Selectable<ReflectionRunTable> & { perSchool: Array<{ schoolId: string | null; invited: number; answered: number }>; invited: number; answered: number }>;
  /** The latest version of each werkgroep's study. */
  studies: Array<Selectable<FeasibilityStudyTable>>;
  parts: Array<Pick<Selectable<FeasibilityPartTable>, 'study_id' | 'part_id' | 'status' | 'due_date' | 'owner_member_id' | 'data'>>;
  decisions: Array<Pick<Selectable<FeasibilityDecisionTable>, 'study_id' | 'verdict'>>;
  agreement: { agreement: Selectable<AgreementTable>; sections: Array<Selectable<AgreementSectionTable>>; approvals: Array<Selectable<AgreementApprovalTable>> } | undefined;
  reminders: Array<{ text: string; target: string; next_at: number | string | null; rule: string }>;
  /** Issue 16: the actions still to do (open or bezig), for open and overdue per werkgroep. */
  actions: Array<{ owner_member_id: string | null; due_date: string }>;
}

/**
 * What the voortgang card reads, across the flows' tables, in a fixed number of queries
 * whatever the number of werkgroepen, runs or parts (nine, some of them skipped when there
 * is nothing to read), plus the open actions.
 */
export class ProgressRepo {
  constructor(private readonly store: Store) {}

  async read(partnershipId: string): Promise<ProgressData> {
    const db = this.store.db;
    const [runRows, allStudies, agreement, reminders, actions] = await Promise.all([
      db.selectFrom('reflection_runs').selectAll().where('partnership_id', '=', partnershipId).orderBy('seq', 'desc').limit(RUNS_SHOWN).execute(),
      db.selectFrom('feasibility_studies').selectAll().where('partnership_id', '=', partnershipId).execute(),
      db.selectFrom('agreements').selectAll().where('partnership_id', '=', partnershipId).executeTakeFirst(),
      db
        .selectFrom('reminders')
        .select(['text', 'target', 'next_at', 'rule'])
        .where('partnership_id', '=', partnershipId)
        .where('status', '=', 'active')
        .where('next_at', 'is not', null)
        .orderBy('next_at')
        .limit(REMINDERS_SHOWN)
        .execute(),
      db.selectFrom('actions').select(['owner_member_id', 'due_date']).where('partnership_id', '=', partnershipId).where('status', 'in', ['open', 'bezig']).execute(),
    ]);

    const runIds = runRows.map((r) => r.id);
    const counts = runIds.length
      ? await db
          .selectFrom('reflection_invites')
          .select(['run_id', 'school_id', (eb) => eb.fn.countAll<number>().as('invited'), (eb) => eb.fn.count<number>('submitted_at').as('answered')])
          .where('run_id', 'in', runIds)
          .groupBy(['run_id', 'school_id'])
          .execute()
      : [];
    const runs = runRows.map((run) => {
      // A run whose invitations retention deleted keeps its participation counts in participation_json.
      const kept = run.participation_json ? (JSON.parse(run.participation_json) as Array<{ schoolId: string | null; invited: number; answered: number }>) : undefined;
      const perSchool = kept ?? counts.filter((c) => c.run_id === run.id).map((c) => ({ schoolId: c.school_id, invited: Number(c.invited), answered: Number(c.answered) }));
      return { ...run, perSchool, invited: perSchool.reduce((s, r) => s + r.invited, 0), answered: perSchool.reduce((s, r) => s + r.answered, 0) };
    });

    const latest = new Map<string, Selectable<FeasibilityStudyTable>>();
    for (const s of allStudies) if (!latest.has(s.werkgroep_id) || latest.get(s.werkgroep_id)!.version < s.version) latest.set(s.werkgroep_id, s);
    const studies = [...latest.values()];
    const studyIds = studies.map((s) => s.id);
    const [parts, decisions, sections, approvals] = await Promise.all([
      studyIds.length ? db.selectFrom('feasibility_parts').select(['study_id', 'part_id', 'status', 'due_date', 'owner_member_id', 'data']).where('study_id', 'in', studyIds).execute() : [],
      studyIds.length ? db.selectFrom('feasibility_decisions').select(['study_id', 'verdict']).where('study_id', 'in', studyIds).execute() : [],
      agreement ? db.selectFrom('agreement_sections').selectAll().where('agreement_id', '=', agreement.id).execute() : [],
      agreement ? db.selectFrom('agreement_approvals').selectAll().where('agreement_id', '=', agreement.id).execute() : [],
    ]);
    return { runs, studies, parts, decisions, agreement: agreement ? { agreement, sections, approvals } : undefined, reminders, actions };
  }
}
