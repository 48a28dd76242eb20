import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore, freshDatabase, type TestDatabase } from '../helpers/db.js';
import type { Store } from '../../src/store/db.js';
import { precompiled } from '../../src/store/precompiled.js';

const claim = precompiled(({ db }, p: { conversationId: string; activityId: string; now: number }) =>
  db
    .insertInto('handled_activities')
    .values({ conversation_id: p.conversationId, activity_id: p.activityId, status: 'processing', response: null, created_at: p.now })
    .onConflict((oc) => oc.columns(['conversation_id', 'activity_id']).doNothing()),
);
// 'done' is a constant of the query, the ids are values of each run.
const doneOf = precompiled(({ db }, p: { conversationId: string; since: number }) =>
  db
    .selectFrom('handled_activities')
    .select(['activity_id', 'created_at'])
    .where('conversation_id', '=', p.conversationId)
    .where('status', '=', 'done')
    .where('created_at', '>=', p.since)
    .orderBy('activity_id'),
);

describeEachStore('precompiled queries', (kind) => {
  let database: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    database = await freshDatabase(kind);
    store = await database.open();
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('runs with each call its own values and keeps the constants written in the query', async () => {
    expect(Number((await claim(store, { conversationId: 'c1', activityId: 'a1', now: 1000 })).numAffectedRows)).toBe(1);
    expect(Number((await claim(store, { conversationId: 'c1', activityId: 'a2', now: 2000 })).numAffectedRows)).toBe(1);
    expect(Number((await claim(store, { conversationId: 'c2', activityId: 'a1', now: 3000 })).numAffectedRows)).toBe(1);
    // The same key again: on conflict do nothing, no row inserted.
    expect(Number((await claim(store, { conversationId: 'c1', activityId: 'a1', now: 4000 })).numAffectedRows)).toBe(0);
    await store.db.updateTable('handled_activities').set({ status: 'done' }).where('activity_id', 'in', ['a1', 'a2']).execute();
    await store.db.updateTable('handled_activities').set({ status: 'processing' }).where('conversation_id', '=', 'c2').execute();

    expect((await doneOf(store, { conversationId: 'c1', since: 0 })).rows).toEqual([
      { activity_id: 'a1', created_at: 1000 },
      { activity_id: 'a2', created_at: 2000 },
    ]);
    expect((await doneOf(store, { conversationId: 'c1', since: 1500 })).rows).toEqual([{ activity_id: 'a2', created_at: 2000 }]);
    // c2's only row is still processing: the constant 'done' was not replaced by a value.
    expect((await doneOf(store, { conversationId: 'c2', since: 0 })).rows).toEqual([]);
  });

  it('refuses a run that leaves a value out instead of sending a placeholder to the database', async () => {
    await expect(doneOf(store, { conversationId: 'c1' } as unknown as { conversationId: string; since: number })).rejects.toThrow(/no value for since/);
  });
});
