import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Issue 16, the calendar. Public holidays come from date-holidays; Goede Vrijdag and
  // Bevrijdingsdag count only when the partnership switches them on: a JSON array of
  // 'goedeVrijdag' | 'bevrijdingsdag'.
  await db.schema.alterTable('partnership_settings').addColumn('optional_holidays', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  // Mbo institutions set their own holidays: per mbo school of the partnership its own weeks,
  // a JSON object { schoolId: [{ name, from, to }] }. Nudges to that school's people follow
  // them instead of the region's. Kept on the partnership's settings row, so it goes with
  // the partnership; a school that leaves is ignored on reading (and dropped on the next save).
  await db.schema.alterTable('partnership_settings').addColumn('school_holidays', 'text', (c) => c.notNull().defaultTo('{}')).execute();
}
