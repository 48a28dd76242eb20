import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Store } from '../store/db.js';
import type { FeasibilityDecisionTable, FeasibilityPartTable, FeasibilityProposalTable, FeasibilityStudyTable } from '../store/schema.js';
import type { PartData, Value } from './validate.js';
import { LATEST_CONTENT } from './content/index.js';

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

  /**
   * A new version, starting from the previous version's answers (or empty). Idempotent per
   * version number. `contentVersion` is the content it is made with; `statusOf` gives a copied
   * part's status under that content (a newer content can ask more), else the status is copied.
   */
  async create(p: { partnershipId: string; werkgroepId: string; memberId: string; partIds: string[]; contentVersion?: number; copyFrom?: Study; statusOf?: (partId: string, values: PartData) => 'open' | 'bezig' | 'beantwoord' }): Promise<Study> {
    const version = (p.copyFrom?.version ?? 0) + 1;
    const id = randomUUID();
    const now = this.now();
    const previous = p.copyFrom ? await this.parts(p.copyFrom.id) : [];
    await this.db.transaction().execute(async (tx) => {
      const inserted = await tx
        .insertInto('feasibility_studies')
        .values({ id, partnership_id: p.partnershipId, werkgroep_id: p.werkgroepId, version, status: 'open', overview_conversation_id: null, overview_activity_id: null, created_by: p.memberId, created_at: now, nudges: p.copyFrom?.nudges ?? 0, content_version: p.contentVersion ?? LATEST_CONTENT })
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
              status: prev && p.statusOf ? p.statusOf(partId, prev.values) : (prev?.status ?? 'open'),
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

  // ---- personal data (issue 14: export and erase of one member; src/feasibility/personalData.ts) ----

  /** What the member wrote (their own new values, never the old value someone else wrote), decided, started and owns. */
  async personalRows(memberId: string) {
    const changes = await this.db
      .selectFrom('feasibility_changes')
      .innerJoin('feasibility_studies', 'feasibility_studies.id', 'feasibility_changes.study_id')
      .select(['feasibility_studies.version', 'feasibility_changes.part_id', 'feasibility_changes.field_key', 'feasibility_changes.revision', 'feasibility_changes.new_value', 'feasibility_changes.changed_at'])
      .where('feasibility_changes.member_id', '=', memberId)
      .orderBy('feasibility_changes.changed_at')
      .orderBy('feasibility_changes.field_key')
      .execute();
    const decisions = await this.db
      .selectFrom('feasibility_decisions')
      .innerJoin('feasibility_studies', 'feasibility_studies.id', 'feasibility_decisions.study_id')
      .select(['feasibility_studies.version', 'feasibility_decisions.verdict', 'feasibility_decisions.reasons', 'feasibility_decisions.conditions', 'feasibility_decisions.decided_at'])
      .where('feasibility_decisions.decided_by', '=', memberId)
      .execute();
    const owned = await this.db
      .selectFrom('feasibility_parts')
      .innerJoin('feasibility_studies', 'feasibility_studies.id', 'feasibility_parts.study_id')
      .select(['feasibility_studies.version', 'feasibility_parts.part_id', 'feasibility_parts.due_date'])
      .where('feasibility_parts.owner_member_id', '=', memberId)
      .execute();
    const proposals = await this.db
      .selectFrom('feasibility_proposals')
      .innerJoin('feasibility_studies', 'feasibility_studies.id', 'feasibility_proposals.study_id')
      .select(['feasibility_studies.version', 'feasibility_proposals.verdict', 'feasibility_proposals.reasons', 'feasibility_proposals.conditions', 'feasibility_proposals.proposed_at'])
      .where('feasibility_proposals.proposed_by', '=', memberId)
      .execute();
    const started = await this.db.selectFrom('feasibility_studies').select(['version', 'created_at']).where('created_by', '=', memberId).execute();
    return { changes, decisions, proposals, owned, started };
  }

  /**
   * The member's texts stay with the study, shown as written by `formerMember`; parts they
   * owned have no owner any more.
   */
  async erasePerson(memberId: string, formerMember: string): Promise<Record<string, number>> {
    return this.db.transaction().execute(async (tx) => {
      const changes = await tx.updateTable('feasibility_changes').set({ member_id: formerMember }).where('member_id', '=', memberId).executeTakeFirst();
      const updated = await tx.updateTable('feasibility_parts').set({ updated_by: formerMember }).where('updated_by', '=', memberId).executeTakeFirst();
      const owned = await tx.updateTable('feasibility_parts').set({ owner_member_id: null }).where('owner_member_id', '=', memberId).executeTakeFirst();
      const studies = await tx.updateTable('feasibility_studies').set({ created_by: formerMember }).where('created_by', '=', memberId).executeTakeFirst();
      const decisions = await tx.updateTable('feasibility_decisions').set({ decided_by: formerMember }).where('decided_by', '=', memberId).executeTakeFirst();
      const proposals = await tx.updateTable('feasibility_proposals').set({ proposed_by: formerMember }).where('proposed_by', '=', memberId).executeTakeFirst();
      return {
        feasibility_proposals: Number(proposals.numUpdatedRows),
        feasibility_changes: Number(changes.numUpdatedRows),
        feasibility_parts: Number(updated.numUpdatedRows) + Number(owned.numUpdatedRows),
        feasibility_studies: Number(studies.numUpdatedRows),
        feasibility_decisions: Number(decisions.numUpdatedRows),
      };
    });
  }
}
