import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The partnership's minimum group size k (privacy-model.md): 3 unless the projectleider
  // raised it. A run keeps the k it started with, so raising k later changes no old figure.
  await db.schema.alterTable('partnerships').addColumn('min_group', 'integer', (c) => c.notNull().defaultTo(3)).execute();
  await db.schema.alterTable('reflection_runs').addColumn('min_group', 'integer', (c) => c.notNull().defaultTo(3)).execute();
}
