import pg from 'pg';

/**
 * vitest globalSetup: the store tests run on PostgreSQL too, so a run without a reachable
 * PostgreSQL stops at once with one clear line instead of a connection error per test.
 * SKIP_POSTGRES=1 skips those tests locally (never in CI, see helpers/db.ts).
 */
export default async function checkPostgres() {
  if (process.env.SKIP_POSTGRES === '1') {
    if (process.env.CI === 'true') throw new Error('SKIP_POSTGRES=1 is set while CI=true: CI must run the store tests on PostgreSQL too. Unset SKIP_POSTGRES.');
    return;
  }
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (err) {
    throw new Error(`PostgreSQL at ${url} is not reachable (${(err as Error).message}). The store tests need it; start it, or set SKIP_POSTGRES=1 locally to skip them (not allowed in CI).`);
  } finally {
    await client.end().catch(() => {});
  }
}
