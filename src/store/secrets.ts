import type { Store } from './db.js';

/**
 * A secret shared by every bot process (e.g. the download-link key): the first process to ask
 * stores the value it made, and every process reads the stored one.
 */
export async function sharedSecret(store: Store, name: string, make: () => string, now: number): Promise<string> {
  await store.db
    .insertInto('app_secrets')
    .values({ name, value: make(), created_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await store.db.selectFrom('app_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return row.value;
}
