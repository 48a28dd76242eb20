import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Who added the bot to the Team (the install activity's `from`, as a user key): the first
  // projectleider when that person is on the Team's roster.
  await db.schema.alterTable('partnerships').addColumn('installed_by', 'text').execute();
  // Set once when the last projectleider left and the regiegroep was asked to choose the next
  // one; cleared when there is a projectleider again. The conditional set makes the request go
  // out once, however many processes or retried events see the vacancy.
  await db.schema.alterTable('partnerships').addColumn('succession_since', 'bigint').execute();
  // A werkgroep member's proposed verdict; the regiegroep or the projectleider decides.
  await db.schema
    .createTable('feasibility_proposals')
    .addColumn('study_id', 'text', (c) => c.primaryKey().references('feasibility_studies.id').onDelete('cascade'))
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('conditions', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('proposed_at', 'bigint', (c) => c.notNull())
    .execute();
}
