/**
 * Prepared queries for hot paths. Building a Drizzle query costs more CPU than PostgreSQL spends running
 * a small one, and a checkout runs several: a prepared query is built once per database handle, and on a
 * PostgreSQL server it is also parsed once per connection (a named statement), after which each call
 * sends only its parameters.
 */
import type { Db, DbOrTx } from './client';

/**
 * Wraps `build` so each database handle (or transaction) gets its own prepared query, made on first use.
 * `build` must always produce the same SQL text: the name is the server's key for it.
 */
export function preparedQuery<T>(build: (db: DbOrTx) => T): (db: DbOrTx) => T {
  const byHandle = new WeakMap<Db | object, T>();
  return (db) => {
    let query = byHandle.get(db);
    if (query === undefined) {
      query = build(db);
      byHandle.set(db, query);
    }
    return query;
  };
}
