import type { Kysely } from 'kysely';

/**
 * The board reports (`rapport`, issue 17): one row per request, the Word document kept as
 * base64 text (the same type on SQLite and PostgreSQL) until the retention run removes it.
 * The document holds only what the reflection gate published; `requested_by` is the person.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id').onDelete('cascade'))
    .addColumn('requested_by', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .addColumn('docx_base64', 'text')
    .execute();
  await db.schema.createIndex('reports_partnership').on('reports').columns(['partnership_id', 'created_at']).execute();
}
