import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Issue 16: the language is a setting. The partnership's default (its channels, and whoever
  // chose none) is Dutch; a member's own choice (`taal engels`) is null until they make one.
  await db.schema.alterTable('partnerships').addColumn('language', 'text', (c) => c.notNull().defaultTo('nl')).execute();
  await db.schema.alterTable('members').addColumn('language', 'text').execute();
  // The kind of a werkgroep, chosen at setup; existing werkgroepen are docentwerkgroepen (the
  // only kind setup knew of).
  await db.schema.alterTable('werkgroepen').addColumn('kind', 'text', (c) => c.notNull().defaultTo('docentwerkgroep')).execute();
}
