/**
 * npm run backup [-- --out <file>]     a backup of the configured database, taken while the shop runs
 * npm run restore -- <file>            puts a backup back (the shop stopped, for the embedded database)
 *
 * Embedded PGlite: while a server holds the data directory it is asked to write the backup (SIGUSR2, see
 * backup.ts); otherwise this process opens the directory itself. A restore refuses while a server holds
 * it, and moves the current directory aside rather than deleting it. PostgreSQL server: pg_dump/pg_restore.
 */
import '../../lib/env-file';
import { renameSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config';
import { StartupError } from '../../lib/startup-error';
import { openDatabase } from '../client';
import { DataDirLockedError, lockDataDir } from '../data-dir-lock';
import { dumpServer, requestBackupFromHolder, restorePgliteBackup, restoreServer } from './backup';

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');
const fromCaller = (p: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), p);

async function backup(out: string | undefined): Promise<string> {
  const config = loadConfig();
  if (config.databaseUrl) {
    const file = fromCaller(out ?? `fatafat-${stamp()}.dump`);
    await dumpServer(config.databaseUrl, file);
    return file;
  }
  const file = fromCaller(out ?? `fatafat-${stamp()}.tar.gz`);
  const dir = path.join(config.dataDir, 'pglite');
  try {
    const database = await openDatabase({ dataDir: dir });
    try {
      await database.backup(file);
    } finally {
      await database.close();
    }
  } catch (err) {
    if (!(err instanceof DataDirLockedError) || !err.holderPid) throw err;
    await requestBackupFromHolder(dir, err.holderPid, file);
  }
  return file;
}

async function restore(file: string): Promise<string> {
  const config = loadConfig();
  const source = fromCaller(file);
  if (config.databaseUrl) {
    await restoreServer(config.databaseUrl, source);
    return `restored ${source} into the PostgreSQL database`;
  }
  const dir = path.join(config.dataDir, 'pglite');
  const lock = lockDataDir(dir); // a running server: DataDirLockedError naming it
  try {
    let aside = '';
    try {
      aside = `${dir}.before-restore-${stamp()}`;
      renameSync(dir, aside);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      aside = '';
    }
    await restorePgliteBackup(source, dir);
    return `restored ${source} into ${dir}${aside ? ` (the previous database is kept in ${aside})` : ''}`;
  } finally {
    lock.release();
  }
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  const { values, positionals } = parseArgs({ args: rest, options: { out: { type: 'string' } }, allowPositionals: true, strict: true });
  if (command === 'backup') {
    console.log(`backup written to ${await backup(values.out)}`);
    return 0;
  }
  if (command === 'restore' && positionals.length === 1) {
    console.log(await restore(positionals[0]!));
    return 0;
  }
  console.error('usage: npm run backup [-- --out <file>] | npm run restore -- <file>');
  return 2;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof StartupError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
