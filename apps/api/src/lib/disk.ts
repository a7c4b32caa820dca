/**
 * A full disk is an outage to report (503, readiness down), not a bug (500): the free space under
 * DATA_DIR, and the errors that mean "no space" from the file system, PGlite and PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { rename, statfs, unlink, writeFile } from 'node:fs/promises';

/** 'full' when less than minFreeBytes is left for unprivileged writers under dir. */
export async function diskState(dir: string, minFreeBytes: number): Promise<'ok' | 'full'> {
  try {
    const s = await statfs(dir);
    return s.bavail * s.bsize < minFreeBytes ? 'full' : 'ok';
  } catch {
    // A file system that cannot say (or a missing folder) is not reported full: writes will tell.
    return 'ok';
  }
}

/** ENOSPC / EDQUOT from node:fs, SQLSTATE 53100 disk_full from PostgreSQL, or PGlite's WASM file system saying the same. */
export function isNoSpace(err: unknown): boolean {
  let e: unknown = err;
  for (let i = 0; i < 5 && e && typeof e === 'object'; i += 1) {
    const x = e as { code?: unknown; errno?: unknown; message?: unknown; cause?: unknown };
    if (x.code === 'ENOSPC' || x.code === 'EDQUOT' || x.code === '53100') return true;
    if (typeof x.message === 'string' && /ENOSPC|No space left on device|could not extend file/i.test(x.message)) return true;
    e = x.cause;
  }
  return false;
}

/**
 * Writes a file whole or not at all: into a temporary name beside it, then renamed over the target, so a
 * full disk or a crash mid-write never leaves a truncated or 0-byte file under the real name.
 */
export async function writeFileAtomic(file: string, data: Buffer): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}
