import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Anyone can switch off personal nudges ("geen herinneringen").
  await db.schema
    .createTable('nudge_optouts')
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('user_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('nudge_optouts_pk', ['partnership_id', 'user_key'])
    .execute();
  await db.schema.alterTable('reflection_runs').addColumn('nudges', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}
