import fs from 'node:fs';
import path from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Migration, type MigrationProvider, type PostgresPool, type PostgresPoolClient, type SqliteDatabase } from 'kysely';
import type { Pool as PgPool, PoolClient as PgPoolClient, QueryResult as PgQueryResult } from 'pg';
import type { Config } from '../config.js';
import type { Database } from './schema.js';
import * as m001 from './migrations/001_foundation.js';
import * as m002 from './migrations/002_secrets.js';
import * as m003 from './migrations/003_reflection.js';
import * as m004 from './migrations/004_feasibility.js';
import * as m005 from './migrations/005_agreement.js';
import * as m006 from './migrations/006_reminders.js';
import * as m007 from './migrations/007_nudges.js';
import * as m008 from './migrations/008_settings.js';
import * as m009 from './migrations/009_tenant_pacing.js';
import * as m010 from './migrations/010_roles.js';
import * as m011 from './migrations/011_min_group.js';
import * as m012 from './migrations/012_audit.js';
import * as m013 from './migrations/013_retention.js';
import * as m014 from './migrations/014_approver_name.js';
import * as m015 from './migrations/015_member_indexes.js';
import * as m016 from './migrations/016_feasibility_content_version.js';
import * as m017 from './migrations/017_actions.js';
import * as m018 from './migrations/018_language_werkgroep_kind.js';
import * as m019 from './migrations/019_calendar.js';
import * as m020 from './migrations/020_reports.js';
import * as m022 from './migrations/022_reflection_open_answers.js';
import * as m023 from './migrations/023_reflection_scale_answers.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;

interface DialectMigration {
  up(db: Kysely<unknown>, dialect: Dialect): Promise<void>;
  down?(db: Kysely<unknown>, dialect: Dialect): Promise<void>;
}

/**
 * Every migration, in order. Later flows append theirs here; the name is what
 * kysely records, so never rename one that has shipped.
 */
const MIGRATIONS: Record<string, DialectMigration> = {
  '001_foundation': m001,
  '002_secrets': m002,
  '003_reflection': m003,
  '004_feasibility': m004,
  '005_agreement': m005,
  '006_reminders': m006,
  '007_nudges': m007,
  '008_settings': m008,
  '009_tenant_pacing': m009,
  '010_roles': m010,
  '011_min_group': m011,
  '012_audit': m012,
  '013_retention': m013,
  '014_approver_name': m014,
  '015_member_indexes': m015,
  '016_feasibility_content_version': m016,
  '017_actions': m017,
  '018_language_werkgroep_kind': m018,
  '019_calendar': m019,
  '020_reports': m020,
  '022_reflection_open_answers': m022,
  '023_reflection_scale_answers': m023,
};

export function registerMigration(name: string, migration: DialectMigration): void {
  if (MIGRATIONS[name] && MIGRATIONS[name] !== migration) throw new Error(`Migration ${name} registered twice`);
  MIGRATIONS[name] = migration;
}

class InCodeProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, m] of Object.entries(MIGRATIONS)) {
      out[name] = {
        up: (db) => m.up(db, this.dialect),
        down: m.down ? (db) => m.down!(db, this.dialect) : undefined,
      };
    }
    return out;
  }
}

/** How many distinct SQL texts keep their prepared statement; the app has a few hundred queries. */
const STATEMENT_CACHE_SIZE = 500;

type SqliteConnection = import('better-sqlite3').Database;
type SqliteStatement = ReturnType<SqliteConnection['prepare']>;

/**
 * kysely's SQLite driver prepares every query anew, and parsing and planning the SQL costs
 * more than running it (a turn's scope query: ~70 us to prepare, ~20 us to run). The same
 * SQL text gets the same better-sqlite3 statement back, so a statement is prepared once.
 * better-sqlite3 runs a statement to completion before returning, so sharing one is safe;
 * only one still being iterated (a streamed select) is busy, and then a fresh one is prepared.
 * SQLite re-prepares a cached statement itself when the schema changes (migrations).
 */
export function withStatementCache(sqlite: SqliteConnection, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  const prepare = (source: string): SqliteStatement => {
    const hit = cache.get(source);
    if (hit && !hit.busy) {
      // Map order is insertion order: moving a hit to the end keeps the least recently used first.
      cache.delete(source);
      cache.set(source, hit);
      return hit;
    }
    const statement = sqlite.prepare(source);
    if (hit) return statement; // the cached one is busy and stays cached
    if (cache.size >= size) cache.delete(cache.keys().next().value!);
    cache.set(source, statement);
    return statement;
  };
  // All kysely's driver calls are prepare and close.
  return { prepare, close: () => void sqlite.close() };
}

/** Beyond this many distinct parameterised SQL texts, further ones run unnamed (texts vary with the length of an `in` list). */
const PREPARED_NAMES = 1000;

/** PostgreSQL refuses a prepared select whose table gained or lost a column since it was prepared. */
function isStalePlan(err: unknown): boolean {
  return (err as { code?: string }).code === '0A000' && /cached plan must not change result type/.test(String((err as Error).message));
}

/**
 * The PostgreSQL counterpart of the statement cache: kysely sends every query unnamed, so
 * the server parses and plans it each time (the turn's scope query: ~330 us of server CPU,
 * ~50 us once prepared). Here each parameterised SQL text gets a name, and pg prepares a
 * name once per connection (it remembers which it has). Queries without parameters (begin,
 * commit, migrations' DDL) stay as they were. When a migration of another process changed a
 * table a prepared select reads, PostgreSQL refuses it once: it is then prepared again under
 * a new name. (A PgBouncer in front must keep prepared statements: session pooling, or
 * transaction pooling with max_prepared_statements set.)
 */
export function withPreparedStatements(pool: PgPool, max = PREPARED_NAMES): PostgresPool {
  const names = new Map<string, string>();
  let counter = 0;
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text);
    if (!name && names.size < max) {
      name = `leerlab_${++counter}`;
      names.set(text, name);
    }
    return name;
  };
  async function run(client: PgPoolClient, text: string, values: unknown[]): Promise<PgQueryResult> {
    const name = nameOf(text);
    if (!name) return client.query(text, values);
    try {
      return await client.query({ name, text, values });
    } catch (err) {
      if (!isStalePlan(err)) throw err;
      if (names.get(text) === name) names.delete(text);
      const fresh = nameOf(text);
      return client.query(fresh ? { name: fresh, text, values } : { text, values });
    }
  }
  // One wrapper per pg client: kysely keeps its connection object per client it is given.
  const wrappers = new WeakMap<PgPoolClient, PostgresPoolClient>();
  const wrap = (client: PgPoolClient): PostgresPoolClient => {
    let wrapper = wrappers.get(client);
    if (!wrapper) {
      const query = (textOrCursor: unknown, values?: readonly unknown[]) =>
        typeof textOrCursor === 'string' && values && values.length > 0
          ? run(client, textOrCursor, [...values])
          : (client.query as (...args: unknown[]) => unknown)(textOrCursor, values);
      wrapper = { query: query as PostgresPoolClient['query'], release: () => client.release() };
      wrappers.set(client, wrapper);
    }
    return wrapper;
  };
  return { connect: async () => wrap(await pool.connect()), end: () => pool.end() };
}

export type DatabaseConfig = Config['database'];

export interface Store {
  db: Db;
  dialect: Dialect;
  /** Cheap round trip for /healthz. */
  ping(): Promise<boolean>;
  /**
   * After personal data was deleted: make sure it does not linger on disk. SQLite overwrites
   * deleted content (secure_delete, set at open) and this moves the write-ahead log into the
   * file and truncates it, so an erased name is in neither. PostgreSQL leaves dead rows to
   * autovacuum (docs/privacy/postgresql.md); nothing to do here.
   */
  afterErase(): Promise<void>;
  close(): Promise<void>;
}

export async function openStore(database: DatabaseConfig, options: { migrate?: boolean } = {}): Promise<Store> {
  let db: Db;
  let dialect: Dialect;
  if (database.kind === 'postgres') {
    dialect = 'postgres';
    // Each deployment uses one database driver; the other is never loaded.
    const { default: pg } = await import('pg');
    // PostgreSQL returns int8 as strings; our bigints are epoch milliseconds, safe as numbers.
    pg.types.setTypeParser(20, (v) => Number(v));
    const pool = new pg.Pool({ connectionString: database.url, max: 10 });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: withPreparedStatements(pool) }) });
  } else {
    dialect = 'sqlite';
    if (database.file !== ':memory:') fs.mkdirSync(path.dirname(database.file), { recursive: true });
    const { default: SqliteDatabase } = await import('better-sqlite3');
    const sqlite = new SqliteDatabase(database.file);
    // WAL lets a second process read while one writes; busy_timeout makes writers queue, not fail.
    sqlite.pragma('journal_mode = WAL');
    // In WAL mode NORMAL survives a crash of the process (not of the machine) without an
    // fsync per commit; the production setup is PostgreSQL.
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    // Deleted rows are overwritten with zeros, so erased personal data is not left in free pages.
    sqlite.pragma('secure_delete = ON');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  }
  const store: Store = {
    db,
    dialect,
    async ping() {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    async afterErase() {
      if (dialect === 'sqlite') await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
    },
    async close() {
      await db.destroy();
    },
  };
  if (options.migrate !== false) await migrate(store);
  return store;
}

export async function migrate(store: Store): Promise<void> {
  // kysely's Migrator, without a schema, takes a kysely_migration table in ANY schema of the
  // database for its own and then fails on "relation kysely_migration_lock does not exist"
  // (seen when test schemas, or another application's, sit beside ours). Naming the schema
  // the connection works in keeps it to ours.
  const migrationTableSchema =
    store.dialect === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db)).rows[0]?.schema : undefined;
  const migrator = new Migrator({ db: store.db, provider: new InCodeProvider(store.dialect), ...(migrationTableSchema ? { migrationTableSchema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String((error as Error).message ?? error)}`);
  }
}
