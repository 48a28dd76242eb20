import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // An approval of the agreement stays with the approver's name when their other data is
  // erased (issue 14; art. 17(3)(b): the signed agreement is a record the schools must keep).
  // Filled at erasure, before the member row goes; null while the member id still names them.
  await db.schema.alterTable('agreement_approvals').addColumn('approver_name', 'text').execute();
}
