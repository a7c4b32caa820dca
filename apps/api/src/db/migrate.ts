import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { Database } from './client';

/** Works from src/ (tsx, tests) and from the bundled dist/: walk up to the folder holding drizzle/. */
export function migrationsFolder(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i += 1) {
    const candidate = path.join(dir, 'drizzle');
    if (existsSync(path.join(candidate, 'meta', '_journal.json'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('migrations folder (drizzle/) not found');
}

// An arbitrary constant: several processes starting at once take turns instead of racing the migrator.
const MIGRATION_LOCK = 72_410_001;

export async function runMigrations(database: Database): Promise<void> {
  const folder = migrationsFolder();
  // On the lock's connection: a migration may run longer than any request's statement timeout.
  await database.withAdvisoryLock(MIGRATION_LOCK, async (db) => {
    await db.execute(sql`create extension if not exists pg_trgm`);
    if (database.kind === 'postgres') {
      await migratePg(db as unknown as NodePgDatabase, { migrationsFolder: folder });
    } else {
      await migratePglite(db as unknown as PgliteDatabase, { migrationsFolder: folder });
    }
  });
}
