import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { withStatementCache } from '../../src/store/db.js';

function tempFile() {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'leerlab-stmt-')), 'db.sqlite');
}

/** A connection that counts how often SQLite is asked to prepare. */
function counted() {
  const raw = new SqliteDatabase(tempFile());
  const prepared: string[] = [];
  const original = raw.prepare.bind(raw);
  raw.prepare = ((source: string) => {
    prepared.push(source);
    return original(source);
  }) as typeof raw.prepare;
  return { raw, prepared };
}

describe('SQLite statement cache', () => {
  it('prepares the same SQL once and gives each run its own parameters', async () => {
    const { raw, prepared } = counted();
    const db = new Kysely<{ t: { id: number; name: string } }>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
    await sql`create table t (id integer primary key, name text not null)`.execute(db);
    for (const [id, name] of [[1, 'een'], [2, 'twee'], [3, 'drie']] as const) await db.insertInto('t').values({ id, name }).execute();
    const names = [];
    for (const id of [3, 1, 2]) names.push((await db.selectFrom('t').select('name').where('id', '=', id).executeTakeFirst())?.name);
    expect(names).toEqual(['drie', 'een', 'twee']);
    // create, one insert text, one select text: three prepares for seven queries.
    expect(prepared).toHaveLength(3);
    await db.destroy();
  });

  it('sees rows written after the statement was first prepared and schema changes made since', async () => {
    const { raw } = counted();
    const db = new Kysely<{ t: { id: number; extra?: string | null } }>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
    await sql`create table t (id integer primary key)`.execute(db);
    const count = async () => Number((await db.selectFrom('t').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(await count()).toBe(0);
    await db.insertInto('t').values({ id: 1 }).execute();
    expect(await count()).toBe(1);
    await sql`alter table t add column extra text`.execute(db);
    expect(await db.selectFrom('t').selectAll().execute()).toEqual([{ id: 1, extra: null }]);
    await db.destroy();
  });

  it('keeps at most `size` statements, dropping the least recently used', async () => {
    const { raw, prepared } = counted();
    const cached = withStatementCache(raw, 2);
    cached.prepare('select 1');
    cached.prepare('select 2');
    cached.prepare('select 1'); // now 'select 2' is the least recently used
    cached.prepare('select 3'); // drops 'select 2'
    cached.prepare('select 1');
    cached.prepare('select 2');
    expect(prepared).toEqual(['select 1', 'select 2', 'select 3', 'select 2']);
    cached.close();
  });

  it('prepares a fresh statement while the cached one is still being iterated', async () => {
    const { raw, prepared } = counted();
    const cached = withStatementCache(raw);
    raw.exec('create table t (id integer primary key); insert into t values (1), (2);');
    const outer = cached.prepare('select id from t order by id') as unknown as SqliteDatabase.Statement;
    const seen: Array<[number, number[]]> = [];
    for (const row of outer.iterate() as Iterable<{ id: number }>) {
      const inner = cached.prepare('select id from t order by id') as unknown as SqliteDatabase.Statement;
      seen.push([row.id, (inner.all() as Array<{ id: number }>).map((r) => r.id)]);
    }
    expect(seen).toEqual([[1, [1, 2]], [2, [1, 2]]]);
    // the busy one stays cached; each nested call got a statement of its own
    expect(prepared.filter((s) => s.startsWith('select'))).toHaveLength(3);
    cached.close();
  });
});
