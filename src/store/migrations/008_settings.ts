import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Per partnership: the holiday region with its own changes, and the weekly digest.
  await db.schema
    .createTable('partnership_settings')
    .addColumn('partnership_id', 'text', (c) => c.primaryKey().references('partnerships.id').onDelete('cascade'))
    .addColumn('holiday_region', 'text')
    /** JSON array of "from|to" keys of shipped holidays this partnership removed. */
    .addColumn('holidays_removed', 'text', (c) => c.notNull().defaultTo('[]'))
    /** JSON array of holidays this partnership added (study days, its own weeks). */
    .addColumn('holidays_added', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('digest', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // Calls to Teams per tenant per second, counted across all bot processes, so the
  // configured ceiling holds for the tenant and not per process.
  await db.schema
    .createTable('rate_windows')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('second', 'bigint', (c) => c.notNull())
    .addColumn('calls', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_windows_pk', ['tenant_id', 'second'])
    .execute();
  // Owners of feasibility parts get 1:1 nudges before their date (opt-in per study).
  await db.schema.alterTable('feasibility_studies').addColumn('nudges', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}
