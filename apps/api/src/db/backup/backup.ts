/**
 * Backups of either engine, as one file a restore can read back:
 *
 *  - PGlite: `dumpDataDir` (a gzipped tar of the data directory). It runs between two queries of the one
 *    process that holds the directory, so the files are copied at a single instant: a crash-consistent
 *    image that PostgreSQL's WAL recovery opens like a restart after power loss (every committed order is
 *    in it; an open transaction rolls back). Only the holder can take it (data-dir-lock.ts), so a running
 *    server takes it on request (see requestBackupFromHolder) and a stopped shop is opened by the CLI.
 *  - PostgreSQL server: `pg_dump -Fc` (a consistent snapshot by MVCC, taken while the shop runs) and
 *    `pg_restore --clean --if-exists`.
 *
 * Every file is written to a temporary name and renamed, so a backup that stopped half-way never looks done.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { StartupError } from '../../lib/startup-error';

/** Writes `data` to `file` whole or not at all. */
function writeWhole(file: string, data: Buffer): void {
  const tmp = `${file}.partial-${process.pid}`;
  writeFileSync(tmp, data, { mode: 0o600 });
  renameSync(tmp, file);
}

/** A gzipped tar of an open PGlite's data directory, written to `file`. */
export async function writePgliteBackup(client: PGlite, file: string): Promise<void> {
  const blob = await client.dumpDataDir('gzip');
  writeWhole(file, Buffer.from(await blob.arrayBuffer()));
}

/** Restores a PGlite backup into `dataDir`, which must be empty or absent (never over a live shop). */
export async function restorePgliteBackup(file: string, dataDir: string): Promise<void> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new StartupError(`${dataDir} is not empty: move it aside first (a restore never writes over a database)`);
  }
  const blob = new Blob([readFileSync(file)]);
  const client = await PGlite.create(dataDir, { extensions: { pg_trgm }, loadDataDir: blob });
  // Opening it replays the WAL; a checkpoint leaves a directory that opens without recovery next time.
  await client.exec('checkpoint');
  await client.close();
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) => reject(new StartupError(`${command} could not run (${e.message}); install the PostgreSQL client tools`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new StartupError(`${command} failed: ${err.trim()}`))));
  });
}

/** `pg_dump -Fc` of the server database to `file`. */
export async function dumpServer(url: string, file: string): Promise<void> {
  const tmp = `${file}.partial-${process.pid}`;
  try {
    await run('pg_dump', ['--format=custom', '--no-owner', '--file', tmp, '--dbname', url]);
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** Restores a `pg_dump -Fc` file into the server database, replacing what is there. */
export async function restoreServer(url: string, file: string): Promise<void> {
  await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--dbname', url, file]);
}

// ── asking the process that holds a PGlite directory ─────────────────────────────────────────────────

/** Where the CLI leaves the path it wants the holder to write; the holder reads it on SIGUSR2. */
export const requestFileOf = (pgliteDir: string) => `${pgliteDir}.backup-request`;

/**
 * Held by a running server: SIGUSR2 is the request (only the same user, or root, can send it, so it needs
 * no other credential), the request file names the target. The holder writes the backup there.
 */
export function serveBackupRequests(pgliteDir: string, backup: (file: string) => Promise<void>, log: (msg: string, err?: unknown) => void): () => void {
  let busy = false;
  const onSignal = () => {
    if (busy) return;
    busy = true;
    void (async () => {
      try {
        const { file } = JSON.parse(readFileSync(requestFileOf(pgliteDir), 'utf8')) as { file: string };
        await backup(file);
        log(`backup written to ${file}`);
      } catch (err) {
        log('backup request failed', err);
      } finally {
        busy = false;
      }
    })();
  };
  process.on('SIGUSR2', onSignal);
  return () => process.off('SIGUSR2', onSignal);
}

/** Asks the holder `pid` for a backup at `file` and waits for the file to appear (it is renamed into place). */
export async function requestBackupFromHolder(pgliteDir: string, pid: number, file: string, timeoutMs = 120_000): Promise<void> {
  rmSync(file, { force: true });
  writeFileSync(requestFileOf(pgliteDir), JSON.stringify({ file: path.resolve(file) }), { mode: 0o600 });
  process.kill(pid, 'SIGUSR2');
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new StartupError(`the server (pid ${pid}) did not write the backup in ${timeoutMs / 1000} s; see its log`);
    await new Promise((r) => setTimeout(r, 100));
  }
  rmSync(requestFileOf(pgliteDir), { force: true });
}
