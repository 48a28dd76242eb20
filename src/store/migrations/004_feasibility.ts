import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('feasibility_studies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id').onDelete('cascade'))
    .addColumn('werkgroep_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('overview_conversation_id', 'text')
    .addColumn('overview_activity_id', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('feasibility_studies_version', ['werkgroep_id', 'version'])
    .execute();

  // One row per part; `revision` guards concurrent edits (a save names the revision it edited).
  await db.schema
    .createTable('feasibility_parts')
    .addColumn('study_id', 'text', (c) => c.notNull().references('feasibility_studies.id').onDelete('cascade'))
    .addColumn('part_id', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('owner_member_id', 'text')
    .addColumn('due_date', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'bigint')
    .addPrimaryKeyConstraint('feasibility_parts_pk', ['study_id', 'part_id'])
    .execute();

  // Every change keeps who, when and the old value.
  await db.schema
    .createTable('feasibility_changes')
    .addColumn('study_id', 'text', (c) => c.notNull().references('feasibility_studies.id').onDelete('cascade'))
    .addColumn('part_id', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('field_key', 'text', (c) => c.notNull())
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('feasibility_changes_pk', ['study_id', 'part_id', 'revision', 'field_key'])
    .execute();

  await db.schema
    .createTable('feasibility_decisions')
    .addColumn('study_id', 'text', (c) => c.primaryKey().references('feasibility_studies.id').onDelete('cascade'))
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('suggested', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('conditions', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'bigint', (c) => c.notNull())
    .execute();
}
