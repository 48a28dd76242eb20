import type { Kysely } from 'kysely';
import type { Dialect } from '../db.js';

// Portable column types only (text, integer, bigint) so one migration serves SQLite and PostgreSQL.
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('partnerships')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('partnerships_tenant_team', ['tenant_id', 'team_id'])
    .execute();

  await db.schema
    .createTable('conversation_refs')
    .addColumn('conversation_id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('partnership_id', 'text', (c) => c.references('partnerships.id').onDelete('cascade'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text')
    .addColumn('channel_id', 'text')
    .addColumn('user_aad_id', 'text')
    .addColumn('user_id', 'text')
    .addColumn('service_url', 'text', (c) => c.notNull())
    .addColumn('bot_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('conversation_refs_user').on('conversation_refs').columns(['tenant_id', 'user_aad_id']).execute();

  await db.schema
    .createTable('schools')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id').onDelete('cascade'))
    .addColumn('user_key', 'text', (c) => c.notNull())
    .addColumn('teams_user_id', 'text', (c) => c.notNull())
    .addColumn('aad_object_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('school_id', 'text', (c) => c.references('schools.id').onDelete('set null'))
    .addColumn('in_team', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('members_partnership_user', ['partnership_id', 'user_key'])
    .execute();

  await db.schema
    .createTable('member_roles')
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('member_roles_pk', ['member_id', 'role'])
    .execute();
  await db.schema.createIndex('member_roles_partnership').on('member_roles').columns(['partnership_id', 'role']).execute();

  await db.schema
    .createTable('werkgroepen')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull().references('partnerships.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text')
    .addColumn('channel_name', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('werkgroep_members')
    .addColumn('werkgroep_id', 'text', (c) => c.notNull().references('werkgroepen.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('werkgroep_members_pk', ['werkgroep_id', 'member_id'])
    .execute();

  await db.schema
    .createTable('handled_activities')
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('activity_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('response', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('handled_activities_pk', ['conversation_id', 'activity_id'])
    .execute();
  await db.schema.createIndex('handled_activities_created').on('handled_activities').column('created_at').execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('run_at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'run_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['jobs', 'handled_activities', 'werkgroep_members', 'werkgroepen', 'member_roles', 'members', 'schools', 'conversation_refs', 'partnerships']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
