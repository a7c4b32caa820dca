/**
 * Prepared queries for hot paths. Building a Drizzle query costs more CPU than PostgreSQL spends running
 * a small one, and a checkout runs several: a prepared query is built once per database handle, and on a
 * PostgreSQL server it is also parsed once per connection (a named statement), after which each call
 * sends only its parameters.
 */
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
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

const dialect = new PgDialect();

/** A raw prepared statement: `execute(params)` fills its `sql.placeholder`s and answers the driver's rows. */
export interface PreparedStatement {
  execute(params: Record<string, unknown>): Promise<unknown>;
}

/**
 * A hand-written SQL statement (one Drizzle's query builder cannot express, e.g. a data-modifying CTE),
 * prepared as a named statement per database handle like `preparedQuery`. Read its rows with `rowsOf`.
 *
 * Drizzle has no public API to prepare raw SQL; this is the one place that uses its session's
 * `prepareQuery` (the same call its query builders make), so a Drizzle upgrade that changes it breaks here
 * and nowhere else.
 */
export function preparedStatement(name: string, query: SQL): (db: DbOrTx) => PreparedStatement {
  const compiled = dialect.sqlToQuery(query);
  return preparedQuery((db) => db._.session.prepareQuery(compiled, undefined, name, false));
}
