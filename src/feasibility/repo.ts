import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Store } from '../store/db.js';
import type { FeasibilityDecisionTable, FeasibilityPartTable, FeasibilityProposalTable, FeasibilityStudyTable } from '../store/schema.js';
import type { PartData, Value } from './validate.js';

export type Study = Selectable<FeasibilityStudyTable>;
export type PartRow = Selectable<FeasibilityPartTable> & { values: PartData };
export type Decision = Selectable<FeasibilityDecisionTable>;
export type Proposal = Selectable<FeasibilityProposalTable>;

export type SaveResult = { ok: true; revision: number } | { ok: false; current: PartRow };

const asText = (v: Value | undefined) => (v === null || v === undefined ? null : String(v));

export class FeasibilityRepo {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  private get db() {
    return this.store.db;
  }

  latest(werkgroepId: string): Promise<Study | undefined> {
    return this.db.selectFrom('feasibility_studies').selectAll().where('werkgroep_id', '=', werkgroepId).orderBy('version', 'desc').executeTakeFirst();
  }

  get(id: string): Promise<Study | undefined> {
    return this.db.selectFrom('feasibility_studies').selectAll().where('id', '=', id).executeTakeFirst();
  }

  byVersion(werkgroepId: string, version: number): Promise<Study | undefined> {
    return this.db.selectFrom('feasibility_studies').selectAll().where('werkgroep_id', '=', werkgroepId).where('version', '=', version).executeTakeFirst();
  }

  /** A new version, starting from the previous version's answers (or empty). Idempotent per version number. */
  async create(p: { partnershipId: string; werkgroepId: string; memberId: string; partIds: string[]; copyFrom?: Study }): Promise<Study> {
    const version = (p.copyFrom?.version ?? 0) + 1;
    const id = randomUUID();
    const now = this.now();
    const previous = p.copyFrom ? await this.parts(p.copyFrom.id) : [];
    await this.db.transaction().execute(async (tx) => {
      const inserted = await tx
        .insertInto('feasibility_studies')
        .values({ id, partnership_id: p.partnershipId, werkgroep_id: p.werkgroepId, version, status: 'open', overview_conversation_id: null, overview_activity_id: null, created_by: p.memberId, created_at: now, nudges: p.copyFrom?.nudges ?? 0 })
        .onConflict((oc) => oc.columns(['werkgroep_id', 'version']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return;
      await tx
        .insertInto('feasibility_parts')
        .values(
          p.partIds.map((partId) => {
            const prev = previous.find((x) => x.part_id === partId);
            return {
              study_id: id,
              part_id: partId,
              data: prev?.data ?? '{}',
              revision: 0,
              status: prev?.status ?? 'open',
              owner_member_id: prev?.owner_member_id ?? null,
              due_date: prev?.due_date ?? null,
              updated_by: null,
              updated_at: null,
            } as const;
          }),
        )
        .execute();
    });
    return (await this.byVersion(p.werkgroepId, version))!;
  }

  async setOverview(studyId: string, conversationId: string, activityId: string | undefined): Promise<void> {
    await this.db.updateTable('feasibility_studies').set({ overview_conversation_id: conversationId, overview_activity_id: activityId ?? null }).where('id', '=', studyId).execute();
  }

  async parts(studyId: string): Promise<PartRow[]> {
    const rows = await this.db.selectFrom('feasibility_parts').selectAll().where('study_id', '=', studyId).execute();
    return rows.map((r) => ({ ...r, values: JSON.parse(r.data) as PartData }));
  }

  async part(studyId: string, partId: string): Promise<PartRow | undefined> {
    const r = await this.db.selectFrom('feasibility_parts').selectAll().where('study_id', '=', studyId).where('part_id', '=', partId).executeTakeFirst();
    return r ? { ...r, values: JSON.parse(r.data) as PartData } : undefined;
  }

  /**
   * Saves a part if nobody saved it since `expectedRevision`; otherwise returns what is stored
   * now, so the caller can show both versions. The revision check and the write are one UPDATE.
   */
  async save(studyId: string, partId: string, expectedRevision: number, values: PartData, status: 'bezig' | 'beantwoord', memberId: string): Promise<SaveResult> {
    const now = this.now();
    const before = await this.part(studyId, partId);
    if (!before) throw new Error('unknown part');
    const merged: PartData = { ...before.values, ...values };
    const res = await this.db
      .updateTable('feasibility_parts')
      .set({ data: JSON.stringify(merged), revision: expectedRevision + 1, status, updated_by: memberId, updated_at: now })
      .where('study_id', '=', studyId)
      .where('part_id', '=', partId)
      .where('revision', '=', expectedRevision)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) return { ok: false, current: (await this.part(studyId, partId))! };
    const changes = Object.entries(values)
      .filter(([k, v]) => asText(before.values[k]) !== asText(v))
      .map(([k, v]) => ({ study_id: studyId, part_id: partId, revision: expectedRevision + 1, field_key: k, old_value: asText(before.values[k]), new_value: asText(v), member_id: memberId, changed_at: now }));
    if (changes.length) await this.db.insertInto('feasibility_changes').values(changes).execute();
    return { ok: true, revision: expectedRevision + 1 };
  }

  changes(studyId: string, partId: string) {
    return this.db.selectFrom('feasibility_changes').selectAll().where('study_id', '=', studyId).where('part_id', '=', partId).orderBy('revision').orderBy('field_key').execute();
  }

  async setNudges(studyId: string, on: boolean): Promise<void> {
    await this.db.updateTable('feasibility_studies').set({ nudges: on ? 1 : 0 }).where('id', '=', studyId).execute();
  }

  async assign(studyId: string, partId: string, ownerMemberId: string | null, dueDate: string | null): Promise<void> {
    await this.db.updateTable('feasibility_parts').set({ owner_member_id: ownerMemberId, due_date: dueDate }).where('study_id', '=', studyId).where('part_id', '=', partId).execute();
  }

  async decide(d: Omit<Decision, 'decided_at'>): Promise<boolean> {
    const now = this.now();
    const res = await this.db.insertInto('feasibility_decisions').values({ ...d, decided_at: now }).onConflict((oc) => oc.column('study_id').doNothing()).executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    await this.db.updateTable('feasibility_studies').set({ status: 'decided' }).where('id', '=', d.study_id).execute();
    return true;
  }

  /** A werkgroep member's proposed verdict; a later proposal replaces the earlier one. */
  async propose(p: Omit<Proposal, 'proposed_at'>): Promise<void> {
    const now = this.now();
    await this.db
      .insertInto('feasibility_proposals')
      .values({ ...p, proposed_at: now })
      .onConflict((oc) => oc.column('study_id').doUpdateSet({ verdict: p.verdict, reasons: p.reasons, conditions: p.conditions, proposed_by: p.proposed_by, proposed_at: now }))
      .execute();
  }

  proposal(studyId: string): Promise<Proposal | undefined> {
    return this.db.selectFrom('feasibility_proposals').selectAll().where('study_id', '=', studyId).executeTakeFirst();
  }

  decision(studyId: string): Promise<Decision | undefined> {
    return this.db.selectFrom('feasibility_decisions').selectAll().where('study_id', '=', studyId).executeTakeFirst();
  }

  /** Latest study of any werkgroep in a partnership, for the agreement's prefill. */
  latestInPartnership(partnershipId: string): Promise<Study | undefined> {
    return this.db.selectFrom('feasibility_studies').selectAll().where('partnership_id', '=', partnershipId).orderBy('created_at', 'desc').orderBy('version', 'desc').executeTakeFirst();
  }
}
