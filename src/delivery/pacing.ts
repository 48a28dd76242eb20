import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Store } from '../store/db.js';

/**
 * Room for clocks and timers: the processes on one database compare their own wall clocks,
 * and a timer may fire a little early.
 */
export const PACING_MARGIN_MS = 25;
/** A turn whose holder neither sent nor gave it back in this time (a dead process) is free again. */
export const TURN_LEASE_MS = 30_000;
/** How long to wait before asking again when every turn of the tenant is in use. */
const RETRY_MS = 20;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

  constructor(private readonly store: Store) {}

  /** Waits for a free turn and holds it; call the returned `done` when the call has come back. */
  async acquire(tenantId: string, ceiling: number): Promise<{ done: () => Promise<void> }> {
    await this.ensure(tenantId, ceiling);
    const holder = randomUUID();
    for (;;) {
      const turn = await this.take(tenantId, holder, Date.now());
      if (turn) {
        // Resting after its previous call, or free now; the loop guards against a timer firing early.
        while (Date.now() < turn.goAt) await sleep(turn.goAt - Date.now());
        return { done: () => this.release(tenantId, turn.slot, holder, Date.now() + 1000 + PACING_MARGIN_MS) };
      }
      await sleep(RETRY_MS * (0.5 + Math.random()));
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
