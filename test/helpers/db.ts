import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';
import { openStore, type DatabaseConfig, type Store } from '../../src/store/db.js';

/**
 * Both backends every store test runs on. CI has PostgreSQL; SKIP_POSTGRES=1 skips it locally,
 * and those tests are reported as skipped (scripts/test.mjs counts them; in CI a skipped
 * PostgreSQL test fails the run, and SKIP_POSTGRES itself is refused there).
 */
const SKIP_POSTGRES = process.env.SKIP_POSTGRES === '1';
if (SKIP_POSTGRES && process.env.CI === 'true') {
  throw new Error('SKIP_POSTGRES=1 is set while CI=true: CI must run the store tests on PostgreSQL too. Unset SKIP_POSTGRES.');
}
export const STORE_KINDS = SKIP_POSTGRES ? (['sqlite'] as const) : (['sqlite', 'postgres'] as const);
export type StoreKind = 'sqlite' | 'postgres';

const PG_BASE = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  config: DatabaseConfig;
  open(): Promise<Store>;
  drop(): Promise<void>;
}

/** A fresh, isolated database: a new SQLite file, or a new schema in PostgreSQL. */
export async function freshDatabase(kind: StoreKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leerlab-db-'));
    const config: DatabaseConfig = { kind: 'sqlite', file: path.join(dir, 'leerlab.db') };
    return { config, open: () => openStore(config), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_BASE });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = `${PG_BASE}${PG_BASE.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const config: DatabaseConfig = { kind: 'postgres', url };
  return {
    config,
    open: () => openStore(config),
    async drop() {
      const c = new pg.Client({ connectionString: PG_BASE });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}

export function describeEachStore(name: string, fn: (kind: StoreKind) => void) {
  describe(`${name} [sqlite]`, () => fn('sqlite'));
  describeOnPostgres(`${name} [postgres]`, () => fn('postgres'));
}

/** A describe that needs PostgreSQL: skipped, visibly, under SKIP_POSTGRES=1. */
export function describeOnPostgres(name: string, fn: () => void) {
  (SKIP_POSTGRES ? describe.skip : describe)(name, fn);
}
