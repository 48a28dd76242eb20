import { expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachStore, freshDatabase } from '../helpers/db.js';

describeEachStore('migrations', (kind) => {
  // kysely's Migrator once took another schema's kysely_migration table for ours, so a second
  // database in the same PostgreSQL (another test, another application) broke the migration.
  it('migrates a fresh database while another migrated one sits beside it', async () => {
    const first = await freshDatabase(kind);
    const second = await freshDatabase(kind);
    const a = await first.open();
    try {
      const b = await second.open();
      try {
        const tables = await b.db.introspection.getTables();
        const ours = kind === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(b.db)).rows[0]!.s : undefined;
        const names = tables.filter((t) => !ours || t.schema === ours).map((t) => t.name);
        expect(names).toContain('partnerships');
        expect(names).toContain('jobs');
      } finally {
        await b.close();
      }
    } finally {
      await a.close();
      await first.drop();
      await second.drop();
    }
  });
});
