import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Store } from '../store/db.js';
import type { AgreementApprovalTable, AgreementCommentTable, AgreementSectionTable, AgreementSectionVersionTable, AgreementTable } from '../store/schema.js';

export type Agreement = Selectable<AgreementTable>;
export type Section = Selectable<AgreementSectionTable>;
export type Approval = Selectable<AgreementApprovalTable>;
export type SectionVersion = Selectable<AgreementSectionVersionTable>;
export type Comment = Selectable<AgreementCommentTable>;
export type SaveResult = { ok: true; revision: number } | { ok: false; current: Section };

export class AgreementRepo {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  private get db() {
    return this.store.db;
  }

  /** The partnership's agreement, created with empty sections the first time. */
  async ensure(partnershipId: string, sectionIds: string[]): Promise<Agreement> {
    const existing = await this.forPartnership(partnershipId);
    if (existing) return existing;
    const id = randomUUID();
    await this.db.transaction().execute(async (tx) => {
      const res = await tx
        .insertInto('agreements')
        .values({ id, partnership_id: partnershipId, status: 'drafting', cosign_companies: 0, duo_date: null, overview_conversation_id: null, overview_activity_id: null, created_at: this.now() })
        .onConflict((oc) => oc.column('partnership_id').doNothing())
        .executeTakeFirst();
      if (Number(res.numInsertedOrUpdatedRows ?? 0) === 0) return;
      await tx
        .insertInto('agreement_sections')
        .values(sectionIds.map((s) => ({ agreement_id: id, section_id: s, revision: 0, text: '', owner_member_id: null, updated_by: null, updated_at: null })))
        .execute();
    });
    return (await this.forPartnership(partnershipId))!;
  }

  forPartnership(partnershipId: string): Promise<Agreement | undefined> {
    return this.db.selectFrom('agreements').selectAll().where('partnership_id', '=', partnershipId).executeTakeFirst();
  }

  get(id: string): Promise<Agreement | undefined> {
    return this.db.selectFrom('agreements').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(id: string, set: Partial<Pick<Agreement, 'status' | 'cosign_companies' | 'duo_date' | 'overview_conversation_id' | 'overview_activity_id'>>): Promise<void> {
    await this.db.updateTable('agreements').set(set).where('id', '=', id).execute();
  }

  sections(agreementId: string): Promise<Section[]> {
    return this.db.selectFrom('agreement_sections').selectAll().where('agreement_id', '=', agreementId).execute();
  }

  section(agreementId: string, sectionId: string): Promise<Section | undefined> {
    return this.db.selectFrom('agreement_sections').selectAll().where('agreement_id', '=', agreementId).where('section_id', '=', sectionId).executeTakeFirst();
  }

  /** A new version of a section, unless someone saved since `expectedRevision`. */
  async save(agreementId: string, sectionId: string, expectedRevision: number, text: string, memberId: string): Promise<SaveResult> {
    const now = this.now();
    return this.db.transaction().execute(async (tx) => {
      const res = await tx
        .updateTable('agreement_sections')
        .set({ text, revision: expectedRevision + 1, updated_by: memberId, updated_at: now })
        .where('agreement_id', '=', agreementId)
        .where('section_id', '=', sectionId)
        .where('revision', '=', expectedRevision)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) {
        const current = await tx.selectFrom('agreement_sections').selectAll().where('agreement_id', '=', agreementId).where('section_id', '=', sectionId).executeTakeFirstOrThrow();
        return { ok: false as const, current };
      }
      await tx.insertInto('agreement_section_versions').values({ agreement_id: agreementId, section_id: sectionId, revision: expectedRevision + 1, text, member_id: memberId, saved_at: now }).execute();
      return { ok: true as const, revision: expectedRevision + 1 };
    });
  }

  versions(agreementId: string, sectionId: string): Promise<SectionVersion[]> {
    return this.db.selectFrom('agreement_section_versions').selectAll().where('agreement_id', '=', agreementId).where('section_id', '=', sectionId).orderBy('revision', 'desc').execute();
  }

  async comment(agreementId: string, sectionId: string, memberId: string, text: string): Promise<void> {
    await this.db.insertInto('agreement_comments').values({ id: randomUUID(), agreement_id: agreementId, section_id: sectionId, member_id: memberId, text, created_at: this.now() }).execute();
  }

  comments(agreementId: string, sectionId: string): Promise<Comment[]> {
    return this.db.selectFrom('agreement_comments').selectAll().where('agreement_id', '=', agreementId).where('section_id', '=', sectionId).orderBy('created_at', 'desc').limit(5).execute();
  }

  async setOwner(agreementId: string, sectionId: string, memberId: string | null): Promise<void> {
    await this.db.updateTable('agreement_sections').set({ owner_member_id: memberId }).where('agreement_id', '=', agreementId).where('section_id', '=', sectionId).execute();
  }

  /** Records one party's decision for every section at the revisions it saw. Idempotent. */
  async decide(agreementId: string, schoolId: string, revisions: Record<string, number>, decision: 'approved' | 'returned', remark: string | null, memberId: string): Promise<void> {
    const now = this.now();
    await this.db.transaction().execute(async (tx) => {
      for (const [sectionId, revision] of Object.entries(revisions)) {
        await tx
          .insertInto('agreement_approvals')
          .values({ agreement_id: agreementId, school_id: schoolId, section_id: sectionId, revision, decision, remark, member_id: memberId, decided_at: now })
          .onConflict((oc) => oc.columns(['agreement_id', 'school_id', 'section_id']).doUpdateSet({ revision, decision, remark, member_id: memberId, decided_at: now }))
          .execute();
      }
    });
  }

  approvals(agreementId: string): Promise<Approval[]> {
    return this.db.selectFrom('agreement_approvals').selectAll().where('agreement_id', '=', agreementId).execute();
  }

  // ---- personal data (issue 14: export and erase of one member; src/agreement/personalData.ts) ----

  /** The member's own versions of sections, comments, approvals and sections they own. */
  async personalRows(memberId: string) {
    const versions = await this.db.selectFrom('agreement_section_versions').select(['section_id', 'revision', 'text', 'saved_at']).where('member_id', '=', memberId).orderBy('saved_at').orderBy('section_id').execute();
    const comments = await this.db.selectFrom('agreement_comments').select(['section_id', 'text', 'created_at']).where('member_id', '=', memberId).orderBy('created_at').execute();
    const approvals = await this.db
      .selectFrom('agreement_approvals')
      .leftJoin('schools', 'schools.id', 'agreement_approvals.school_id')
      .select(['schools.name as school', 'agreement_approvals.section_id', 'agreement_approvals.revision', 'agreement_approvals.decision', 'agreement_approvals.remark', 'agreement_approvals.decided_at'])
      .where('agreement_approvals.member_id', '=', memberId)
      .orderBy('agreement_approvals.decided_at')
      .orderBy('agreement_approvals.section_id')
      .execute();
    const owned = await this.db.selectFrom('agreement_sections').select(['section_id']).where('owner_member_id', '=', memberId).execute();
    return { versions, comments, approvals, owned };
  }

  /**
   * Texts and comments stay with the agreement, shown as by `formerMember`. Approvals stay
   * with the approver's name (art. 17(3)(b): the signed agreement is a record the schools
   * must keep): the name is written on the approval row before the member id goes.
   */
  async erasePerson(memberId: string, name: string, formerMember: string): Promise<Record<string, number>> {
    return this.db.transaction().execute(async (tx) => {
      const n = (r: { numUpdatedRows: bigint }) => Number(r.numUpdatedRows);
      const versions = await tx.updateTable('agreement_section_versions').set({ member_id: formerMember }).where('member_id', '=', memberId).executeTakeFirst();
      const comments = await tx.updateTable('agreement_comments').set({ member_id: formerMember }).where('member_id', '=', memberId).executeTakeFirst();
      const updated = await tx.updateTable('agreement_sections').set({ updated_by: formerMember }).where('updated_by', '=', memberId).executeTakeFirst();
      const owned = await tx.updateTable('agreement_sections').set({ owner_member_id: null }).where('owner_member_id', '=', memberId).executeTakeFirst();
      const approvals = await tx.updateTable('agreement_approvals').set({ approver_name: name, member_id: formerMember }).where('member_id', '=', memberId).executeTakeFirst();
      return { agreement_section_versions: n(versions), agreement_comments: n(comments), agreement_sections: n(updated) + n(owned), agreement_approvals: n(approvals) };
    });
  }
}
