import type { Kysely } from 'kysely';

/**
 * Issue 16: the actieagenda. An action is an agreement that follows a reflection: what, who
 * (a member), by when, linked to a condition or domain of the reflection content, with a
 * status and notes. `action_boards` is where the channel's action list card sits, so it can
 * be updated in place.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id').onDelete('cascade'))
    .addColumn('what', 'text', (c) => c.notNull())
    .addColumn('owner_member_id', 'text')
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('link_kind', 'text', (c) => c.notNull())
    .addColumn('link_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source_run_id', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('actions_partnership').on('actions').columns(['partnership_id', 'status']).execute();

  await db.schema
    .createTable('action_notes')
    .addColumn('action_id', 'text', (c) => c.notNull().references('actions.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('author_member_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('action_notes_pk', ['action_id', 'seq'])
    .execute();

  await db.schema
    .createTable('action_boards')
    .addColumn('partnership_id', 'text', (c) => c.primaryKey().references('partnerships.id').onDelete('cascade'))
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('activity_id', 'text', (c) => c.notNull())
    .addColumn('werkgroep_id', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}
