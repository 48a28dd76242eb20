import { createQueryId, type Compilable, type CompiledQuery, type QueryResult } from 'kysely';
import type { Store } from './db.js';

/** Stands in for a value while kysely compiles the query; each run puts its own value there. */
class Slot {
  constructor(readonly key: string) {}
}

interface Compiled<P, R> {
  query: CompiledQuery<R>;
  /** For each parameter of the SQL: the run's value to put there, or undefined for a constant of the query. */
  keys: Array<keyof P | undefined>;
}

/**
 * A query kysely builds and compiles once per database, then runs with each call's values.
 * For the few queries every turn makes: building and compiling one with kysely costs more
 * than SQLite takes to run it (about 60-100 us against 20 us for the turn's scope query).
 *
 * `build` gets `p`, whose fields stand for the values; use each only as a plain value (a
 * comparison, a column's value), never in a way that changes the SQL itself (an array for
 * `in`, arithmetic, a choice between branches): compute those into a value of their own.
 * Plugins see the query once, when it is compiled.
 */
export function precompiled<P extends Record<string, unknown>, R>(build: (store: Store, p: P) => Compilable<R>): (store: Store, values: P) => Promise<QueryResult<R>> {
  // Per store: the SQL differs between SQLite and PostgreSQL, and tests open many stores.
  const byStore = new WeakMap<Store, Compiled<P, R>>();
  return async function run(store, values) {
    let compiled = byStore.get(store);
    if (!compiled) {
      const slots = new Proxy({} as P, { get: (_, key) => new Slot(String(key)) });
      const query = build(store, slots).compile();
      compiled = { query, keys: query.parameters.map((v) => (v instanceof Slot ? (v.key as keyof P) : undefined)) };
      byStore.set(store, compiled);
    }
    const { query, keys } = compiled;
    const parameters = query.parameters.map((constant, i) => {
      const key = keys[i];
      if (key === undefined) return constant;
      if (!(key in values)) throw new Error(`precompiled query: no value for ${String(key)}`);
      return values[key];
    });
    return store.db.executeQuery({ ...query, parameters, queryId: createQueryId() });
  };
}
