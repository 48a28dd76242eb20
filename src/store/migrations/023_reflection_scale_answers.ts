import { sql, type Kysely } from 'kysely';

/**
 * The summary's two GROUP BY queries over a run's scale answers (the kinds each respondent
 * answered, and the counts per school, layer, item and value; issue 17) read this partial
 * index and never the table: it holds exactly those rows, ordered by respondent, with every
 * column the queries use (`text` is in it only so SQLite sees the index as covering; it is
 * NULL in every entry). Open answers have their own index (022). Same statement on SQLite
 * and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('reflection_answers_scale').on('reflection_answers').columns(['run_id', 'member_id', 'item_id', 'value', 'text']).where(sql.ref('text'), 'is', null).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('reflection_answers_scale').execute();
}
