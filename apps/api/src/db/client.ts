/**
 * One database interface for both engines: embedded PGlite (a directory on disk, the default) and a
 * PostgreSQL server over node-postgres when DATABASE_URL is set. Everything above this file sees `Db`.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';
import { dumpServer, writePgliteBackup } from './backup/backup';
import { lockDataDir } from './data-dir-lock';
import * as schema from './schema/index';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction: repositories accept both. */
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Resolves when the database answers a trivial query; rejects otherwise. */
  ping(): Promise<void>;
  /**
   * Runs fn while holding a PostgreSQL session advisory lock on its own connection, so several processes
   * take turns (migrations, the demo seed). PGlite has one connection and needs no lock. fn gets that
   * connection as a Db: it has no statement timeout, so a long migration is not cancelled half-way, and
   * waiting for the lock while another process migrates is not a timeout either.
   */
  withAdvisoryLock<T>(key: number, fn: (lockDb: Db) => Promise<T>): Promise<T>;
  /** Writes a backup a restore reads back (db/backup): PGlite's dump, or pg_dump of the server. */
  backup(file: string): Promise<void>;
  /** The PGlite data directory on disk; undefined on the server or in memory. */
  dataDir: string | undefined;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL of a server; when absent PGlite is used. */
  url?: string | undefined;
  /** PGlite data directory, or 'memory://' for a throwaway in-memory database. */
  dataDir?: string;
  poolSize?: number;
  /**
   * PostgreSQL server only: the longest one query may run. PGlite needs none: it runs in this process on
   * its one connection, with no network to freeze and no other session to wait behind.
   */
  statementTimeoutMs?: number;
}

/**
 * Beyond the statement timeout, how long the client waits for the server's own answer (a clean 57014)
 * before it gives up itself: through a network partition that answer never comes.
 */
const CLIENT_TIMEOUT_SLACK_MS = 2000;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      // Fail fast when the server is down instead of letting requests hang.
      connectionTimeoutMillis: 3000,
      idleTimeoutMillis: 30_000,
      // Cancelled on the server (SQLSTATE 57014) when it runs too long (a lock held elsewhere, a runaway
      // plan); abandoned by the client when no answer arrives at all (a frozen network). Either answers
      // 503 (http/error-handler.ts) instead of holding the request, and its pool connection, forever.
      ...(options.statementTimeoutMs
        ? { statement_timeout: options.statementTimeoutMs, query_timeout: options.statementTimeoutMs + CLIENT_TIMEOUT_SLACK_MS }
        : {}),
    });
    // A dropped server connection must not crash the process; the pool reconnects on the next query.
    pool.on('error', () => undefined);
    const db = drizzlePg(pool, { schema, casing: 'snake_case' }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      ping: async () => {
        await pool.query('select 1');
      },
      withAdvisoryLock: async (key, fn) => {
        // A connection of its own, outside the pool and its timeouts (see the interface); the lock ends
        // with the connection at the latest.
        const client = new pg.Client({ connectionString: options.url, connectionTimeoutMillis: 3000 });
        client.on('error', () => undefined);
        await client.connect();
        try {
          await client.query('select pg_advisory_lock($1)', [key]);
          return await fn(drizzlePg(client, { schema, casing: 'snake_case' }) as unknown as Db);
        } finally {
          await client.query('select pg_advisory_unlock($1)', [key]).catch(() => undefined);
          await client.end().catch(() => undefined);
        }
      },
      backup: (file) => dumpServer(options.url!, file),
      dataDir: undefined,
      close: () => pool.end(),
    };
  }
  const dataDir = options.dataDir ?? 'memory://';
  const onDisk = !dataDir.startsWith('memory://');
  // Before anything touches the files: a second process on one directory loses orders (data-dir-lock.ts).
  const lock = onDisk ? lockDataDir(dataDir) : null;
  let client: PGlite;
  try {
    if (onDisk) mkdirSync(dataDir, { recursive: true });
    client = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  } catch (err) {
    lock?.release();
    throw err;
  }
  const db = drizzlePglite(client, { schema, casing: 'snake_case' }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    withAdvisoryLock: (_key, fn) => fn(db),
    backup: (file) => writePgliteBackup(client, file),
    dataDir: onDisk ? dataDir : undefined,
    close: async () => {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

/** Rows of a raw `db.execute` call, the same shape on both drivers. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
