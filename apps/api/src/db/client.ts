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
   * take turns (migrations, the reservation sweeper). PGlite has one connection and needs no lock.
   */
  withAdvisoryLock<T>(key: number, fn: () => Promise<T>): Promise<T>;
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
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      // Fail fast when the server is down instead of letting requests hang.
      connectionTimeoutMillis: 3000,
      idleTimeoutMillis: 30_000,
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
        const client = await pool.connect();
        try {
          await client.query('select pg_advisory_lock($1)', [key]);
          return await fn();
        } finally {
          await client.query('select pg_advisory_unlock($1)', [key]).catch(() => undefined);
          client.release();
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
    withAdvisoryLock: (_key, fn) => fn(),
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
