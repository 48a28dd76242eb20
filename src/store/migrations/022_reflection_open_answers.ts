import { sql, type Kysely } from 'kysely';

/**
 * The summary reads a run's open answers (issue 17, the summary in the database): a partial
 * index on them, so that query reads the open answers only, not every scale answer of the run.
 * The same statement on SQLite and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('reflection_answers_open').on('reflection_answers').column('run_id').where(sql.ref('text'), 'is not', null).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('reflection_answers_open').execute();
}
