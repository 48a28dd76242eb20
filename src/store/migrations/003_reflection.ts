import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reflection_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('instrument_version', 'text', (c) => c.notNull())
    .addColumn('werkgroep_id', 'text')
    .addColumn('per_school', 'integer', (c) => c.notNull())
    .addColumn('deadline_at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('closed_at', 'bigint')
    .addColumn('channel_conversation_id', 'text')
    .addColumn('channel_activity_id', 'text')
    .addColumn('summary_json', 'text')
    .addUniqueConstraint('reflection_runs_seq', ['partnership_id', 'seq'])
    .execute();

  await db.schema
    .createTable('reflection_invites')
    .addColumn('run_id', 'text', (c) => c.notNull().references('reflection_runs.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('school_id', 'text')
    .addColumn('layer', 'text')
    .addColumn('profile_asked', 'integer', (c) => c.notNull())
    .addColumn('submitted_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('reflection_invites_pk', ['run_id', 'member_id'])
    .execute();

  // One row per answered item: a second device answering other items adds rows, never
  // replaces the first device's; the same item twice keeps the latest value.
  await db.schema
    .createTable('reflection_answers')
    .addColumn('run_id', 'text', (c) => c.notNull().references('reflection_runs.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('value', 'integer')
    .addColumn('text', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('reflection_answers_pk', ['run_id', 'member_id', 'item_id'])
    .execute();
}
