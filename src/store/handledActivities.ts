import { sql } from 'kysely';
import type { Clock } from '../clock.js';
import type { Store } from './db.js';
import { precompiled } from './precompiled.js';
import { WriteBatcher } from './writeBatcher.js';

/** A duplicate still being handled elsewhere is taken over after this long (its process likely died). */
const STALE_PROCESSING_MS = 60_000;

export type Claim = { kind: 'new' } | { kind: 'duplicate'; status: 'processing' | 'done'; response: unknown };

type ClaimRow = {
  conversationId: string;
  activityId: string;
  now: number;
};
type DoneRow = {
  conversationId: string;
  activityId: string;
  response: string | null;
};

// Every activity runs these two on SQLite, so they are compiled once (see precompiled.ts).
const insertClaim = precompiled(({ db }, p: ClaimRow) =>
  db
    .insertInto('handled_activities')
    .values({ conversation_id: p.conversationId, activity_id: p.activityId, status: 'processing', response: null, created_at: p.now })
    .onConflict((oc) => oc.columns(['conversation_id', 'activity_id']).doNothing()),
);
const markDone = precompiled(({ db }, p: DoneRow) =>
  db
    .updateTable('handled_activities')
    .set({ status: 'done', response: p.response })
    .where('conversation_id', '=', p.conversationId)
    .where('activity_id', '=', p.activityId),
);

type Write = ({ kind: 'claim' } & ClaimRow) | ({ kind: 'finish' } & DoneRow);

/**
 * PostgreSQL: the claims and finishes that are waiting, all in one statement (arrays through
 * unnest, so one SQL text and one prepared statement for any mix). The insert and the update
 * see the same snapshot, which is safe here: a turn finishes only after its own claim was
 * written by an earlier statement.
 */
const writeBoth = precompiled(({ db }, p: { claimConversations: string[]; claimActivities: string[]; claimTimes: number[]; doneConversations: string[]; doneActivities: string[]; doneResponses: Array<string | null> }) => ({
  compile: () =>
    sql<{ conversation_id: string; activity_id: string }>`
      with inserted as (
        insert into handled_activities (conversation_id, activity_id, status, response, created_at)
        select c.conversation_id, c.activity_id, 'processing', null, c.created_at
        from unnest(${p.claimConversations}::text[], ${p.claimActivities}::text[], ${p.claimTimes}::bigint[]) as c (conversation_id, activity_id, created_at)
        on conflict (conversation_id, activity_id) do nothing
        returning conversation_id, activity_id
      ), finished as (
        update handled_activities h
        set status = 'done', response = d.response
        from unnest(${p.doneConversations}::text[], ${p.doneActivities}::text[], ${p.doneResponses}::text[]) as d (conversation_id, activity_id, response)
        where h.conversation_id = d.conversation_id and h.activity_id = d.activity_id
      )
      select conversation_id, activity_id from inserted
    `.compile(db),
}));

/**
 * The record of activities already handled, keyed by (conversation id, activity id) as
 * Teams retries with the same id. It lives in the store so it holds across restarts and
 * between several bot processes.
 */
export class HandledActivities {
  // Claims and finishes of concurrent turns are written together (group commit): one
  // round trip and one commit for all that arrive while the previous write is in flight. On
  // PostgreSQL claims and finishes share that statement; on SQLite, where a write is a call
  // in this process and not a round trip, each kind keeps its own.
  private readonly writes = new WriteBatcher<Write, boolean>((rows) => this.write(rows));

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    /** Told when an invoke answer was stored, so it can be cleared once Teams stops retrying. */
    private readonly onResponseStored?: (at: number) => Promise<void>,
  ) {}

  private async write(rows: Write[]): Promise<boolean[]> {
    const claims = rows.filter((r): r is Write & { kind: 'claim' } => r.kind === 'claim');
    const finishes = rows.filter((r): r is Write & { kind: 'finish' } => r.kind === 'finish');
    let fresh: boolean[];
    if (this.store.dialect === 'postgres') {
      const inserted = await writeBoth(this.store, {
        claimConversations: claims.map((r) => r.conversationId),
        claimActivities: claims.map((r) => r.activityId),
        claimTimes: claims.map((r) => r.now),
        doneConversations: finishes.map((r) => r.conversationId),
        doneActivities: finishes.map((r) => r.activityId),
        doneResponses: finishes.map((r) => r.response),
      });
      fresh = firstOfEach(claims, inserted.rows);
    } else {
      fresh = claims.length ? await this.insertClaims(claims) : [];
      if (finishes.length) await this.markDone(finishes);
    }
    let next = 0;
    return rows.map((r) => (r.kind === 'claim' ? fresh[next++]! : true));
  }

  /** Inserts the claims that are not there yet; true for each one this call inserted. */
  private async insertClaims(rows: ClaimRow[]): Promise<boolean[]> {
    if (rows.length === 1) return [Number((await insertClaim(this.store, rows[0]!)).numAffectedRows ?? 0) > 0];
    const inserted = await this.store.db
      .insertInto('handled_activities')
      .values(rows.map((r) => ({ conversation_id: r.conversationId, activity_id: r.activityId, status: 'processing', response: null, created_at: r.now })))
      .onConflict((oc) => oc.columns(['conversation_id', 'activity_id']).doNothing())
      .returning(['conversation_id', 'activity_id'])
      .execute();
    return firstOfEach(rows, inserted);
  }

  private async markDone(rows: DoneRow[]): Promise<void> {
    if (rows.length === 1) {
      await markDone(this.store, rows[0]!);
      return;
    }
    const values = sql.join(rows.map((r) => sql`(${r.conversationId}, ${r.activityId}, ${r.response})`));
    // One statement both dialects read alike: the rows as a CTE, each its own response.
    await sql`
      with v (conversation_id, activity_id, response) as (values ${values})
      update handled_activities
      set status = 'done',
          response = (select v.response from v where v.conversation_id = handled_activities.conversation_id and v.activity_id = handled_activities.activity_id)
      where (conversation_id, activity_id) in (select conversation_id, activity_id from v)
    `.execute(this.store.db);
  }

  async claim(conversationId: string, activityId: string): Promise<Claim> {
    const now = this.clock.now();
    if (await this.writes.run({ kind: 'claim', conversationId, activityId, now })) return { kind: 'new' };

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
    await this.writes.run({ kind: 'finish', conversationId, activityId, response: response === undefined ? null : JSON.stringify(response) });
    if (response !== undefined && this.onResponseStored) await this.onResponseStored(this.clock.now());
  }

  /** Forgets records older than the retry window of Teams by a wide margin. */
  async prune(olderThanMs = 7 * 24 * 3600_000): Promise<number> {
    const res = await this.store.db
      .deleteFrom('handled_activities')
      .where('created_at', '<', this.clock.now() - olderThanMs)
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  // ---- retention (issue 14) ----

  /**
   * Clears stored invoke answers older than the retry window: an answer can be a person's own
   * "Jouw antwoorden" card. A retry after this gets the pipeline's neutral line (dedupe).
   */
  async clearResponses(olderThanMs: number): Promise<number> {
    const res = await this.store.db
      .updateTable('handled_activities')
      .set({ response: null })
      .where('response', 'is not', null)
      .where('created_at', '<', this.clock.now() - olderThanMs)
      .executeTakeFirst();
    return Number(res.numUpdatedRows);
  }

  /** Forgets the activities of these conversations (a deleted partnership's channels and their threads). */
  async forgetConversations(conversationIds: string[]): Promise<number> {
    if (conversationIds.length === 0) return 0;
    const res = await this.store.db
      .deleteFrom('handled_activities')
      // A thread's id is the channel's id plus ";messageid=…": compared by prefix without LIKE's wildcards.
      .where((eb) => eb.or(conversationIds.flatMap((id) => [eb('conversation_id', '=', id), eb(sql<string>`substr(conversation_id, 1, ${id.length + 1})`, '=', `${id};`)])))
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  // ---- personal data (issue 14: erase of one member; src/store/personalData.ts) ----

  /**
   * Forgets what was handled in the person's 1:1 chats, and the stored answers elsewhere that
   * name them (e.g. a roles card shown to the projectleider): a retry of those gets "this card
   * is out of date" instead of the old answer. Returns rows deleted and answers cleared.
   */
  async erasePerson(chatIds: string[], needles: string[]): Promise<Record<string, number>> {
    const { db, dialect } = this.store;
    const deleted = chatIds.length ? Number((await db.deleteFrom('handled_activities').where('conversation_id', 'in', chatIds).executeTakeFirst()).numDeletedRows) : 0;
    let cleared = 0;
    for (const needle of needles.filter((n) => n.length >= 3)) {
      // instr/strpos, not LIKE: a name with % or _ must match only itself.
      const contains = dialect === 'postgres' ? sql<boolean>`strpos(response, ${needle}) > 0` : sql<boolean>`instr(response, ${needle}) > 0`;
      cleared += Number((await db.updateTable('handled_activities').set({ response: null }).where('response', 'is not', null).where(contains).executeTakeFirst()).numUpdatedRows);
    }
    return { handled_activities: deleted + cleared };
  }
}

/** Which claims the insert wrote: the same activity twice in one batch (a retry close behind the first) is new only once. */
function firstOfEach(claims: Array<{ conversationId: string; activityId: string }>, inserted: Array<{ conversation_id: string; activity_id: string }>): boolean[] {
  const fresh = new Set(inserted.map((r) => JSON.stringify([r.conversation_id, r.activity_id])));
  return claims.map((r) => fresh.delete(JSON.stringify([r.conversationId, r.activityId])));
}
