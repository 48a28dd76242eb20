import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Per tenant, one row per call to Teams allowed in a second (the ceiling), shared by all bot
  // processes. A row is used by one call at a time and rests a second after that call ended.
  // It replaces the per-second counters, which let twice the ceiling through across a second
  // boundary.
  await db.schema
    .createTable('tenant_turns')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('slot', 'integer', (c) => c.notNull())
    /** Epoch ms from which the row may be used again; while held, when its lease runs out. */
    .addColumn('free_at', 'bigint', (c) => c.notNull())
    /** Who holds it for a call now; null when it rests. */
    .addColumn('holder', 'text')
    /** When the current holder may send: the row's free_at when it was taken. */
    .addColumn('go_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('tenant_turns_pk', ['tenant_id', 'slot'])
    .execute();
  // Taking a turn looks for the tenant's row that is free soonest.
  await db.schema.createIndex('tenant_turns_free').on('tenant_turns').columns(['tenant_id', 'free_at', 'slot']).execute();
  await db.schema.dropTable('rate_windows').execute();
}
