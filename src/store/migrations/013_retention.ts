import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // When the bot was removed from the partnership's Team (or the Team was deleted): the
  // retention job deletes the partnership RETENTION_PARTNERSHIP_DAYS later; reinstalling
  // clears it.
  await db.schema.alterTable('partnerships').addColumn('removed_at', 'bigint').execute();
  await db.schema.createIndex('partnerships_removed').on('partnerships').column('removed_at').execute();
  // Per school, how many were invited to a run and how many answered, kept when retention
  // deletes the run's raw answers and invitations (24 months after close): participation is
  // not content (privacy model, rule 6) and voortgang still shows it.
  await db.schema.alterTable('reflection_runs').addColumn('participation_json', 'text').execute();
  // Nothing reads a member's e-mail address (names come from the roster, 1:1 chats from the
  // Teams ids), so it is no longer stored (AVG art. 5(1)(c)). Both SQLite (3.35+) and
  // PostgreSQL drop a column that is in no index or constraint.
  await db.schema.alterTable('members').dropColumn('email').execute();
}
