import type { Clock } from '../clock.js';
import type { Store } from './db.js';
import { precompiled } from './precompiled.js';

/** A duplicate still being handled elsewhere is taken over after this long (its process likely died). */
const STALE_PROCESSING_MS = 60_000;

export type Claim = { kind: 'new' } | { kind: 'duplicate'; status: 'processing' | 'done'; response: unknown };

// Every activity runs these two, so they are compiled once (see precompiled.ts).
const insertClaim = precompiled(({ db }, p: { conversationId: string; activityId: string; now: number }) =>
  db
    .insertInto('handled_activities')
    .values({ conversation_id: p.conversationId, activity_id: p.activityId, status: 'processing', response: null, created_at: p.now })
    .onConflict((oc) => oc.columns(['conversation_id', 'activity_id']).doNothing()),
);
const markDone = precompiled(({ db }, p: { conversationId: string; activityId: string; response: string | null }) =>
  db
    .updateTable('handled_activities')
    .set({ status: 'done', response: p.response })
    .where('conversation_id', '=', p.conversationId)
    .where('activity_id', '=', p.activityId),
);

/**
 * The record of activities already handled, keyed by (conversation id, activity id) as
 * Teams retries with the same id. It lives in the store so it holds across restarts and
 * between several bot processes.
 */
export class HandledActivities {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async claim(conversationId: string, activityId: string): Promise<Claim> {
    const now = this.clock.now();
    const inserted = await insertClaim(this.store, { conversationId, activityId, now });
    if (Number(inserted.numAffectedRows ?? 0) > 0) return { kind: 'new' };

    // Take over a claim whose process died before finishing (only one taker wins the update).
    const takeover = await this.store.db
      .updateTable('handled_activities')
      .set({ created_at: now })
      .where('conversation_id', '=', conversationId)
      .where('activity_id', '=', activityId)
      .where('status', '=', 'processing')
      .where('created_at', '<', now - STALE_PROCESSING_MS)
      .executeTakeFirst();
    if (Number(takeover.numUpdatedRows) > 0) return { kind: 'new' };
    return this.current(conversationId, activityId);
  }

  async current(conversationId: string, activityId: string): Promise<Claim> {
    const row = await this.store.db
      .selectFrom('handled_activities')
      .select(['status', 'response'])
      .where('conversation_id', '=', conversationId)
      .where('activity_id', '=', activityId)
      .executeTakeFirst();
    return { kind: 'duplicate', status: row?.status ?? 'processing', response: row?.response ? JSON.parse(row.response) : undefined };
  }

  async finish(conversationId: string, activityId: string, response: unknown): Promise<void> {
    await markDone(this.store, { conversationId, activityId, response: response === undefined ? null : JSON.stringify(response) });
  }

  /** Forgets records older than the retry window of Teams by a wide margin. */
  async prune(olderThanMs = 7 * 24 * 3600_000): Promise<number> {
    const res = await this.store.db
      .deleteFrom('handled_activities')
      .where('created_at', '<', this.clock.now() - olderThanMs)
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}
