import { sql, type Selectable } from 'kysely';
import type { Store } from '../store/db.js';
import type { JobTable } from '../store/schema.js';

export type JobRow = Selectable<JobTable>;

/**
 * The jobs table. A claim is one UPDATE over the due rows (SKIP LOCKED on PostgreSQL, the
 * write lock on SQLite), and a job is finished only by the worker that holds it.
 */
export class JobRepo {
  constructor(private readonly store: Store) {}

  /** Inserts a pending job; undefined when a job with the same dedupe key exists. */
  async insert(job: { kind: string; dedupeKey: string | null; payload: string; runAt: number; maxAttempts: number; now: number }): Promise<number | undefined> {
    const row = await this.store.db
      .insertInto('jobs')
      .values({
        kind: job.kind,
        dedupe_key: job.dedupeKey,
        payload: job.payload,
        run_at: job.runAt,
        status: 'pending',
        attempts: 0,
        max_attempts: job.maxAttempts,
        locked_by: null,
        locked_until: null,
        last_error: null,
        created_at: job.now,
        updated_at: job.now,
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    return row?.id;
  }

  async reschedule(dedupeKey: string, runAt: number, now: number): Promise<boolean> {
    const res = await this.store.db.updateTable('jobs').set({ run_at: runAt, updated_at: now }).where('dedupe_key', '=', dedupeKey).where('status', '=', 'pending').executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  async cancel(dedupeKey: string): Promise<boolean> {
    const res = await this.store.db.deleteFrom('jobs').where('dedupe_key', '=', dedupeKey).where('status', '=', 'pending').executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  /** Claims up to `limit` due jobs (or jobs whose lease ran out) for this worker. */
  async claimDue(workerId: string, now: number, leaseMs: number, limit: number): Promise<JobRow[]> {
    const { db, dialect } = this.store;
    let due = db
      .selectFrom('jobs')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', now)]),
          eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
        ]),
      )
      .orderBy('run_at')
      .limit(limit);
    if (dialect === 'postgres') due = due.forUpdate().skipLocked();
    return db
      .updateTable('jobs')
      .set({ status: 'running', locked_by: workerId, locked_until: now + leaseMs, attempts: sql`attempts + 1`, updated_at: now })
      .where('id', 'in', due)
      .returningAll()
      .execute();
  }

  async markDone(id: number, workerId: string, now: number): Promise<void> {
    await this.store.db.updateTable('jobs').set({ status: 'done', locked_until: null, updated_at: now }).where('id', '=', id).where('locked_by', '=', workerId).execute();
  }

  /** Back to pending at `retryAt`, or failed for good when `retryAt` is undefined. */
  async markFailed(job: JobRow, workerId: string, error: string, now: number, retryAt: number | undefined): Promise<void> {
    await this.store.db
      .updateTable('jobs')
      .set({ status: retryAt === undefined ? 'failed' : 'pending', run_at: retryAt ?? job.run_at, locked_by: null, locked_until: null, last_error: error, updated_at: now })
      .where('id', '=', job.id)
      .where('locked_by', '=', workerId)
      .execute();
  }

  // ---- retention (issue 14) ----

  /** Deletes finished and failed jobs last changed before `before`; returns how many. */
  async purgeFinished(before: number): Promise<number> {
    const res = await this.store.db.deleteFrom('jobs').where('status', 'in', ['done', 'failed']).where('updated_at', '<', before).executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  /** Deletes every job whose payload or dedupe key names one of these ids (a deleted partnership's). */
  async deleteNaming(ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const rows = await this.store.db.selectFrom('jobs').select(['id', 'payload', 'dedupe_key']).execute();
    const doomed = rows.filter((r) => ids.some((id) => r.payload.includes(id) || (r.dedupe_key ?? '').includes(id))).map((r) => r.id);
    let deleted = 0;
    for (let i = 0; i < doomed.length; i += 500) deleted += Number((await this.store.db.deleteFrom('jobs').where('id', 'in', doomed.slice(i, i + 500)).executeTakeFirst()).numDeletedRows);
    return deleted;
  }
}
