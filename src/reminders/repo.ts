import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { Store } from '../store/db.js';
import type { ReminderTable } from '../store/schema.js';

export type Reminder = Selectable<ReminderTable>;
export type NewReminder = Pick<Reminder, 'partnership_id' | 'created_by' | 'rule' | 'target' | 'target_ref' | 'text' | 'teacher_nudge' | 'next_at'>;

/** The reminders table. Moves of the schedule are conditional on `next_at`, so two processes never both move one. */
export class ReminderRepo {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  private get db() {
    return this.store.db;
  }

  async create(r: NewReminder): Promise<Reminder> {
    const id = randomUUID();
    await this.db
      .insertInto('reminders')
      .values({ id, ...r, status: 'active', last_slot_at: null, created_at: this.now() })
      .execute();
    return (await this.get(id))!;
  }

  get(id: string): Promise<Reminder | undefined> {
    return this.db.selectFrom('reminders').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Planned ones first (soonest on top), then those without a next time, the same on both databases. */
  list(partnershipId: string): Promise<Reminder[]> {
    return this.db
      .selectFrom('reminders')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('status', '!=', 'deleted')
      .orderBy(sql`case when next_at is null then 1 else 0 end`)
      .orderBy('next_at')
      .orderBy('created_at')
      .execute();
  }

  due(now: number): Promise<Reminder[]> {
    return this.db.selectFrom('reminders').selectAll().where('status', '=', 'active').where('next_at', '<=', now).execute();
  }

  async pause(id: string): Promise<void> {
    await this.db.updateTable('reminders').set({ status: 'paused' }).where('id', '=', id).where('status', '=', 'active').execute();
  }

  async resume(id: string, nextAt: number | null): Promise<void> {
    await this.db.updateTable('reminders').set({ status: 'active', next_at: nextAt }).where('id', '=', id).execute();
  }

  async remove(id: string): Promise<void> {
    await this.db.updateTable('reminders').set({ status: 'deleted', next_at: null }).where('id', '=', id).execute();
  }

  /** Moves the schedule on from the `next_at` this process read; a no-op when another process moved it first. */
  async advance(r: Reminder, set: { next_at: number | null; last_slot_at?: number }): Promise<void> {
    await this.db.updateTable('reminders').set(set).where('id', '=', r.id).where('next_at', '=', Number(r.next_at)).execute();
  }

  /**
   * Pauses the active reminders of a partnership that go into this conversation (and, when it
   * is the General channel, those into the channel by default). Returns how many.
   */
  async pauseInto(partnershipId: string, conversationId: string, isGeneral: boolean): Promise<number> {
    const paused = await this.db
      .updateTable('reminders')
      .set({ status: 'paused' })
      .where('partnership_id', '=', partnershipId)
      .where('status', '=', 'active')
      .where((eb) => eb.or([eb.and([eb('target', 'in', ['channel', 'conversation']), eb('target_ref', '=', conversationId)]), ...(isGeneral ? [eb.and([eb('target', '=', 'channel'), eb('target_ref', 'is', null)])] : [])]))
      .executeTakeFirst();
    return Number(paused.numUpdatedRows);
  }

  // ---- personal data (issue 14: export and erase of one member; src/reminders/personalData.ts) ----

  /** Reminders the member planned (their text is theirs). */
  createdBy(memberId: string): Promise<Array<{ text: string; status: string; created_at: number }>> {
    return this.db.selectFrom('reminders').select(['text', 'status', 'created_at']).where('created_by', '=', memberId).orderBy('created_at').execute();
  }

  /** The reminders stay with the partnership, planned by `formerMember`. */
  async erasePerson(memberId: string, formerMember: string): Promise<number> {
    const res = await this.db.updateTable('reminders').set({ created_by: formerMember }).where('created_by', '=', memberId).executeTakeFirst();
    return Number(res.numUpdatedRows);
  }
}
