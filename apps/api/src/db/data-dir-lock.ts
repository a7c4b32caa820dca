/**
 * One process at a time on a PGlite data directory. PGlite is PostgreSQL in single-user mode with no
 * postmaster, so nothing inside it stops a second process opening the same files; two writers lose
 * orders and corrupt the catalogue. Every opener (server, `npm run seed`, `npm run admin:create`,
 * backup) takes this lock first, and a second one stops at once naming the holder's pid.
 *
 * Why flock(2) held on an open descriptor: the kernel drops it when the holder dies in any way,
 * `kill -9` and power loss included, so there is never a stale lock to clean up, and two starters
 * cannot both win. Node has no flock binding, and a native addon would need a compiler on every
 * install (the Docker image has none); instead util-linux's `flock` (always present on Linux) is run
 * once on a descriptor this process passes it: flock locks belong to the open file description, which
 * the child shares, so the lock outlives the child and lasts exactly as long as this process keeps the
 * descriptor open (libuv opens files close-on-exec, so no later child inherits it). Where `flock` is
 * missing (macOS, Windows) a pid file checked for liveness is used instead: weaker (a recycled pid can
 * refuse a start until the file is removed) but still catching the common mistake.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { StartupError } from '../lib/startup-error';

export class DataDirLockedError extends StartupError {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number | undefined,
  ) {
    super(
      `The data directory ${dataDir} is in use by another Fatafat process` +
        `${holderPid ? ` (pid ${holderPid})` : ''}. PGlite serves one process at a time: stop that process ` +
        'first (or, for a second server, use DATABASE_URL with a PostgreSQL server).',
    );
  }
}

export interface DataDirLock {
  readonly file: string;
  release(): void;
}

/** `flock` exits with this when another process holds the lock. */
const HELD = 75;

const holderOf = (file: string): number | undefined => {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
};

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Takes the lock on `dir` (created when missing) or throws DataDirLockedError naming the holder. */
export function lockDataDir(dir: string): DataDirLock {
  mkdirSync(path.dirname(dir), { recursive: true });
  const file = `${dir}.lock`;
  const fd = openSync(file, 'a+', 0o600);
  const r = spawnSync('flock', ['--nonblock', '--exclusive', '--conflict-exit-code', String(HELD), '3'], {
    stdio: ['ignore', 'ignore', 'pipe', fd],
  });
  if (r.status === HELD) {
    closeSync(fd);
    throw new DataDirLockedError(dir, holderOf(file));
  }
  if (r.error || r.status !== 0) {
    // No flock(1) here: fall back to the pid file alone.
    const holder = holderOf(file);
    if (holder && holder !== process.pid && alive(holder)) {
      closeSync(fd);
      throw new DataDirLockedError(dir, holder);
    }
  }
  // Who holds it, for the message a second opener prints (read only, never trusted for the lock itself).
  ftruncateSync(fd, 0);
  writeSync(fd, `${process.pid}\n`);
  let released = false;
  return {
    file,
    release: () => {
      if (released) return;
      released = true;
      ftruncateSync(fd, 0);
      closeSync(fd);
    },
  };
}
