import { afterAll, beforeAll, expect, it } from 'vitest';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { describeOnPostgres, freshDatabase, type TestDatabase } from '../helpers/db.js';
import { withPreparedStatements } from '../../src/store/db.js';

interface T {
  t: { id: number; name: string; extra?: string | null };
}

describeOnPostgres('PostgreSQL prepared statements', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let db: Kysely<T>;
  beforeAll(async () => {
    database = await freshDatabase('postgres');
    if (database.config.kind !== 'postgres') throw new Error('expected postgres');
    // One connection, so every query below runs in the session whose statements we look at.
    pool = new pg.Pool({ connectionString: database.config.url, max: 1 });
    db = new Kysely<T>({ dialect: new PostgresDialect({ pool: withPreparedStatements(pool) }) });
    await sql`create table t (id integer primary key, name text not null)`.execute(db);
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  const prepared = async () =>
    (await sql<{ statement: string }>`select statement from pg_prepared_statements order by statement`.execute(db)).rows.map((r) => r.statement);

  it('prepares each parameterised SQL text once on a connection and runs it with each call its values', async () => {
    await db.insertInto('t').values({ id: 1, name: 'een' }).execute();
    await db.insertInto('t').values({ id: 2, name: 'twee' }).execute();
    const name = async (id: number) => (await db.selectFrom('t').select('name').where('id', '=', id).executeTakeFirst())?.name;
    expect([await name(2), await name(1), await name(3)]).toEqual(['twee', 'een', undefined]);
    // One insert text and one select text, however often they ran; the DDL (no parameters) is not among them.
    expect(await prepared()).toEqual(['insert into "t" ("id", "name") values ($1, $2)', 'select "name" from "t" where "id" = $1']);
  });

  it('prepares a select again when its table changed shape after it was prepared', async () => {
    const all = () => db.selectFrom('t').selectAll().where('id', '>=', 1).orderBy('id').execute();
    expect(await all()).toEqual([{ id: 1, name: 'een' }, { id: 2, name: 'twee' }]);
    // What a migration of another process does; PostgreSQL now refuses the prepared plan.
    await sql`alter table t add column extra text`.execute(db);
    expect(await all()).toEqual([{ id: 1, name: 'een', extra: null }, { id: 2, name: 'twee', extra: null }]);
    expect(await all()).toHaveLength(2);
  });

  it('leaves errors of the query itself as they are', async () => {
    await expect(db.insertInto('t').values({ id: 1, name: 'dubbel' }).execute()).rejects.toMatchObject({ code: '23505' });
    // The connection is still usable afterwards.
    expect(await db.selectFrom('t').select('name').where('id', '=', 1).executeTakeFirst()).toEqual({ name: 'een' });
  });
});
