import { expect, it } from 'vitest';
import { describeOnPostgres, freshDatabase } from '../helpers/db.js';

describeOnPostgres('PostgreSQL: two schemas in one database [postgres]', () => {
  it('migrates a fresh schema while another schema already has the migration tables', async () => {
    const first = await freshDatabase('postgres');
    const second = await freshDatabase('postgres');
    const a = await first.open();
    try {
      // Kysely used to find the first schema's lock table, skip creating its own, and fail.
      const b = await second.open();
      expect(await b.ping()).toBe(true);
      await b.close();
    } finally {
      await a.close();
      await first.drop();
      await second.drop();
    }
  });
});
