import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Issue 15: a study keeps the content version it was made with, so studies made with v1
  // keep their questions and answers while new studies use v2 (the route's legal design).
  await db.schema.alterTable('feasibility_studies').addColumn('content_version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
}
