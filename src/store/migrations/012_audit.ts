import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // What was done with personal data (issue 14): exports, erasures, downloads, role changes,
  // retention runs. Who and what, never content. People appear only as a keyed hash, so the
  // log itself holds nothing an erasure would have to remove, yet "was X erased?" can be
  // answered by hashing X again.
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    /** Keyed hash of the acting member's user key, or null for the bot itself. */
    .addColumn('actor_hash', 'text')
    /** Keyed hash of the person the action was about (an export, an erasure), if any. */
    .addColumn('subject_hash', 'text')
    /** How many rows, per table or kind: a small JSON object of counts. */
    .addColumn('counts', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_partnership_at').on('audit_log').columns(['partnership_id', 'at']).execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
}
