import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Every turn's scope query lists the acting member's werkgroepen by member_id; the primary
  // key (werkgroep_id, member_id) cannot serve that, so PostgreSQL read the whole table each
  // turn (EXPLAIN ANALYZE at 12,000 rows: a seq scan of 0.8 ms in a 1.0 ms query).
  await db.schema.createIndex('werkgroep_members_member').on('werkgroep_members').column('member_id').execute();
}
