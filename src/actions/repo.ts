import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Store } from '../store/db.js';
import type { ActionBoardTable, ActionNoteTable, ActionTable } from '../store/schema.js';

export type Action = Selectable<ActionTable>;
export type ActionNote = Selectable<ActionNoteTable>;
export type ActionBoard = Selectable<ActionBoardTable>;
export type ActionStatus = ActionTable['status'];
export const ACTION_STATUSES = ['open', 'bezig', 'klaar', 'vervallen'] as const satisfies readonly ActionStatus[];
/** Still to do: open or bezig. */
export const isActive = (status: string) => status === 'open' || status === 'bezig';

export interface NewAction {
  partnershipId: string;
  what: string;
  ownerMemberId: string;
  dueDate: string;
  linkKind: 'condition' | 'domain';
  linkId: string;
  sourceRunId: string | null;
  createdBy: string;
}

/** The actieagenda's SQL: actions, their notes and where the channel's list card sits. */
export class ActionsRepo {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  private get db() {
    return this.store.db;
  }

  async create(a: NewAction): Promise<Action> {
    const now = this.now();
    const row: Action = {
      id: randomUUID(),
      partnership_id: a.partnershipId,
      what: a.what,
      owner_member_id: a.ownerMemberId,
      due_date: a.dueDate,
      link_kind: a.linkKind,
      link_id: a.linkId,
      status: 'open',
      source_run_id: a.sourceRunId,
      created_by: a.createdBy,
      created_at: now,
      updated_at: now,
    };
    await this.db.insertInto('actions').values(row).execute();
    return row;
  }

  get(id: string): Promise<Action | undefined> {
    return this.db.selectFrom('actions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Every action of the partnership, in the order they were made. */
  forPartnership(partnershipId: string): Promise<Action[]> {
    return this.db.selectFrom('actions').selectAll().where('partnership_id', '=', partnershipId).orderBy('created_at').orderBy('id').execute();
  }

  /** Actions of the partnership made up to `until` (a run's close), with their status now. */
  async linkedUntil(partnershipId: string, until: number): Promise<Array<Pick<Action, 'link_id' | 'status'>>> {
    return this.db.selectFrom('actions').select(['link_id', 'status']).where('partnership_id', '=', partnershipId).where('created_at', '<=', until).execute();
  }

  async setStatus(id: string, status: ActionStatus): Promise<void> {
    await this.db.updateTable('actions').set({ status, updated_at: this.now() }).where('id', '=', id).execute();
  }

  async addNote(actionId: string, text: string, authorMemberId: string): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const last = await tx.selectFrom('action_notes').select((eb) => eb.fn.max('seq').as('seq')).where('action_id', '=', actionId).executeTakeFirst();
      await tx
        .insertInto('action_notes')
        .values({ action_id: actionId, seq: Number(last?.seq ?? 0) + 1, text, author_member_id: authorMemberId, created_at: this.now() })
        .execute();
    });
    await this.db.updateTable('actions').set({ updated_at: this.now() }).where('id', '=', actionId).execute();
  }

  notes(actionId: string): Promise<ActionNote[]> {
    return this.db.selectFrom('action_notes').selectAll().where('action_id', '=', actionId).orderBy('seq').execute();
  }

  /** The partnership of a reflection run (a summary's button names its run). */
  async runPartnership(runId: string): Promise<string | undefined> {
    return (await this.db.selectFrom('reflection_runs').select('partnership_id').where('id', '=', runId).executeTakeFirst())?.partnership_id;
  }

  // ---- the channel's list card ----

  board(partnershipId: string): Promise<ActionBoard | undefined> {
    return this.db.selectFrom('action_boards').selectAll().where('partnership_id', '=', partnershipId).executeTakeFirst();
  }

  async setBoard(partnershipId: string, conversationId: string, activityId: string, werkgroepId: string | null): Promise<void> {
    const now = this.now();
    await this.db
      .insertInto('action_boards')
      .values({ partnership_id: partnershipId, conversation_id: conversationId, activity_id: activityId, werkgroep_id: werkgroepId, updated_at: now })
      .onConflict((oc) => oc.column('partnership_id').doUpdateSet({ conversation_id: conversationId, activity_id: activityId, werkgroep_id: werkgroepId, updated_at: now }))
      .execute();
  }

  async setBoardFilter(partnershipId: string, activityId: string, werkgroepId: string | null): Promise<void> {
    await this.db.updateTable('action_boards').set({ werkgroep_id: werkgroepId, updated_at: this.now() }).where('partnership_id', '=', partnershipId).where('activity_id', '=', activityId).execute();
  }

  // ---- personal data (issue 14; src/actions/personalData.ts) ----

  async personalRows(memberId: string) {
    const owned = await this.db.selectFrom('actions').selectAll().where('owner_member_id', '=', memberId).orderBy('created_at').execute();
    const created = await this.db.selectFrom('actions').selectAll().where('created_by', '=', memberId).orderBy('created_at').execute();
    const notes = await this.db.selectFrom('action_notes').selectAll().where('author_member_id', '=', memberId).orderBy('created_at').execute();
    return { owned, created, notes };
  }

  /**
   * The actions stay with the partnership (they are its agreements); the person's ids go:
   * owned actions get no owner, made and written ones are by "oud-lid". Notes they wrote stay
   * as the partnership's record, like texts in a study.
   */
  async erasePerson(memberId: string, formerMember: string): Promise<Record<string, number>> {
    return this.db.transaction().execute(async (tx) => {
      const owned = await tx.updateTable('actions').set({ owner_member_id: null }).where('owner_member_id', '=', memberId).executeTakeFirst();
      const created = await tx.updateTable('actions').set({ created_by: formerMember }).where('created_by', '=', memberId).executeTakeFirst();
      const notes = await tx.updateTable('action_notes').set({ author_member_id: formerMember }).where('author_member_id', '=', memberId).executeTakeFirst();
      return { actions: Number(owned.numUpdatedRows) + Number(created.numUpdatedRows), action_notes: Number(notes.numUpdatedRows) };
    });
  }
}
