import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Timer } from '../clock.js';
import type { Store } from '../store/db.js';

export interface SlotKey {
  reminderId: string;
  slotAt: number;
  recipient: string;
}

/**
 * The reminder_slots table: one row per (reminder or purpose, planned time, recipient), the
 * claim that makes a proactive message go out once across processes.
 */
export class SlotRepo {
  constructor(private readonly store: Store) {}

  /** A new claim; false when the slot has a row already. */
  async insertClaim(k: SlotKey, late: boolean, workerId: string, now: number): Promise<boolean> {
    const res = await this.store.db
      .insertInto('reminder_slots')
      .values({ reminder_id: k.reminderId, slot_at: k.slotAt, recipient: k.recipient, status: 'claimed', late: late ? 1 : 0, claimed_by: workerId, claimed_at: now, sent_at: null, attempts: 0, error: null })
      .onConflict((oc) => oc.columns(['reminder_id', 'slot_at', 'recipient']).doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Takes over a claim older than the lease (its process died) or a failed slot. */
  async takeOver(k: SlotKey, workerId: string, now: number, leaseMs: number): Promise<boolean> {
    const res = await this.store.db
      .updateTable('reminder_slots')
      .set({ claimed_by: workerId, claimed_at: now })
      .where('reminder_id', '=', k.reminderId)
      .where('slot_at', '=', k.slotAt)
      .where('recipient', '=', k.recipient)
      .where((eb) => eb.or([eb.and([eb('status', '=', 'claimed'), eb('claimed_at', '<', now - leaseMs)]), eb('status', '=', 'failed')]))
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  orphaned(now: number, leaseMs: number): Promise<Array<{ reminder_id: string; slot_at: number; recipient: string; late: number }>> {
    return this.store.db
      .selectFrom('reminder_slots')
      .select(['reminder_id', 'slot_at', 'recipient', 'late'])
      .where((eb) => eb.or([eb.and([eb('status', '=', 'claimed'), eb('claimed_at', '<', now - leaseMs)]), eb('status', '=', 'failed')]))
      .execute();
  }

  /** Records the outcome, only if this worker still holds the claim. */
  async record(k: SlotKey, workerId: string, set: { status: 'sent' | 'failed' | 'unreachable'; error?: string; attempts: number }, now: number): Promise<void> {
    await this.store.db
      .updateTable('reminder_slots')
      .set({ status: set.status, error: set.error ?? null, attempts: set.attempts, sent_at: set.status === 'sent' ? now : null })
      .where('reminder_id', '=', k.reminderId)
      .where('slot_at', '=', k.slotAt)
      .where('recipient', '=', k.recipient)
      .where('claimed_by', '=', workerId)
      .execute();
  }

  // ---- retention (issue 14) ----

  /**
   * Deletes settled slots (sent, failed, unreachable) claimed before `before`. Nothing sends a
   * slot that old again: reminders have moved on and each nudge or digest job ran once.
   */
  async purgeSettled(before: number): Promise<number> {
    const res = await this.store.db.deleteFrom('reminder_slots').where('status', '!=', 'claimed').where('claimed_at', '<', before).executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  /** Deletes the slots of these reminders, and those whose purpose names one of the ids (a deleted partnership's). */
  async deleteNaming(reminderIds: string[], ids: string[]): Promise<number> {
    const purposes = await this.store.db.selectFrom('reminder_slots').select('reminder_id').distinct().execute();
    const doomed = purposes.map((p) => p.reminder_id).filter((r) => reminderIds.includes(r) || ids.some((id) => r.includes(id)));
    let deleted = 0;
    for (let i = 0; i < doomed.length; i += 500) deleted += Number((await this.store.db.deleteFrom('reminder_slots').where('reminder_id', 'in', doomed.slice(i, i + 500)).executeTakeFirst()).numDeletedRows);
    return deleted;
  }

  // ---- personal data (issue 14: export and erase of one member; src/delivery/personalData.ts) ----

  /** Messages planned or sent to one recipient key (`member:<id>`), with the reminder's text when it was a reminder. */
  sentTo(recipient: string) {
    return this.store.db
      .selectFrom('reminder_slots')
      .leftJoin('reminders', 'reminders.id', 'reminder_slots.reminder_id')
      .select(['reminder_slots.reminder_id', 'reminder_slots.slot_at', 'reminder_slots.status', 'reminder_slots.sent_at', 'reminders.text'])
      .where('reminder_slots.recipient', '=', recipient)
      .orderBy('reminder_slots.slot_at')
      .execute();
  }

  async eraseRecipient(recipient: string): Promise<number> {
    const res = await this.store.db.deleteFrom('reminder_slots').where('recipient', '=', recipient).executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}


/**
 * Room for clocks and timers: the processes on one database compare their own wall clocks,
 * and a timer may fire a little early.
 */
export const PACING_MARGIN_MS = 25;
/** A turn whose holder neither sent nor gave it back in this time (a dead process) is free again. */
export const TURN_LEASE_MS = 30_000;
/** How long to wait before asking again when every turn of the tenant is in use. */
const RETRY_MS = 20;

/**
 * The tenant's turns for calls to Teams, kept in the database so every bot process shares them.
 *
 * The tenant has as many turns as its ceiling per second. A call holds one turn while it runs,
 * and the turn rests for a second (plus a margin) after the call came back. Teams sees a
 * request somewhere between its start and its answer, so two requests on one turn reach Teams
 * more than a second apart, and any one-second window holds at most one request per turn: at
 * most the ceiling, whatever the latency, timer jitter or number of processes.
 */
export class TenantTurns {
  /** Tenants whose rows this process has made sure of (the ceiling comes from config). */
  private readonly ready = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly timer: Timer,
  ) {}

  /** Waits for a free turn and holds it; call the returned `done` when the call has come back. */
  async acquire(tenantId: string, ceiling: number): Promise<{ done: () => Promise<void> }> {
    await this.ensure(tenantId, ceiling);
    const holder = randomUUID();
    for (;;) {
      const turn = await this.take(tenantId, holder, this.timer.wallNow());
      if (turn) {
        // Resting after its previous call, or free now; the loop guards against a timer firing early.
        while (this.timer.wallNow() < turn.goAt) await this.timer.sleep(turn.goAt - this.timer.wallNow());
        return { done: () => this.release(tenantId, turn.slot, holder, this.timer.wallNow() + 1000 + PACING_MARGIN_MS) };
      }
      await this.timer.sleep(RETRY_MS * (0.5 + Math.random()));
    }
  }

  private async ensure(tenantId: string, ceiling: number): Promise<void> {
    const key = `${tenantId}\n${ceiling}`;
    if (this.ready.has(key)) return;
    // A lowered ceiling: the surplus turns go (one held now is gone when its call gives it back).
    await this.store.db.deleteFrom('tenant_turns').where('tenant_id', '=', tenantId).where('slot', '>=', ceiling).execute();
    // In chunks: SQLite limits the parameters of one statement.
    for (let from = 0; from < ceiling; from += 500) {
      const rows = Array.from({ length: Math.min(500, ceiling - from) }, (_, k) => ({ tenant_id: tenantId, slot: from + k, free_at: 0, holder: null, go_at: 0 }));
      await this.store.db.insertInto('tenant_turns').values(rows).onConflict((oc) => oc.columns(['tenant_id', 'slot']).doNothing()).execute();
    }
    this.ready.add(key);
  }

  /**
   * Takes the turn that is free soonest, if one is not held by a call now (or its holder's lease
   * ran out). One statement, so two processes never take the same turn: SQLite runs it under its
   * write lock; on PostgreSQL a row another transaction is taking is skipped.
   */
  private async take(tenantId: string, holder: string, now: number): Promise<{ slot: number; goAt: number } | undefined> {
    const { db, dialect } = this.store;
    const pg = dialect === 'postgres';
    const row = await db
      .updateTable('tenant_turns')
      .set({
        holder,
        // SET reads the old row: the holder goes when the turn is free, and holds it for the lease from then.
        go_at: sql`free_at`,
        free_at: sql`${pg ? sql`greatest` : sql`max`}(free_at, ${now}) + ${TURN_LEASE_MS}`,
      })
      .where('tenant_id', '=', tenantId)
      .where(
        'slot',
        '=',
        // Walks the (tenant_id, free_at, slot) index: the first row that is not held is the one.
        sql<number>`(select slot from tenant_turns where tenant_id = ${tenantId} and (holder is null or free_at < ${now}) order by free_at, slot limit 1${pg ? sql` for update skip locked` : sql``})`,
      )
      .returning(['slot', 'go_at'])
      .executeTakeFirst();
    return row ? { slot: Number(row.slot), goAt: Number(row.go_at) } : undefined;
  }

  private async release(tenantId: string, slot: number, holder: string, freeAt: number): Promise<void> {
    await this.store.db.updateTable('tenant_turns').set({ holder: null, free_at: freeAt }).where('tenant_id', '=', tenantId).where('slot', '=', slot).where('holder', '=', holder).execute();
  }
}
