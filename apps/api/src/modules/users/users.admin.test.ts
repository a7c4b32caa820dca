import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../db/schema/index';
import { createUser } from '../../test/factories';
import { startTestApp, type TestApp } from '../../test/harness';
import { createOrPromoteAdmin, ensureAdmin } from './admin-accounts';
import { loginViaApi } from './users.factories';

const run = promisify(execFile);
const apiDir = path.resolve(import.meta.dirname, '../../..');
// Spawning a child process is slow on a busy machine; these two tests get longer timeouts.
const CLI = ['--import', 'tsx', 'src/modules/users/admin-create.cli.ts'];

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    BCRYPT_ROUNDS: '4',
    RATE_LIMIT_AUTH: '10000',
    ADMIN_EMAIL: 'boss@fatafat.test',
    ADMIN_PASSWORD: 'boss-password-1',
  });
});
afterAll(async () => {
  await t.close();
});

describe('first admin and admin:create', () => {
  it('when the users table is empty outside production, then ensureAdmin creates the configured admin once', async () => {
    await ensureAdmin(t.deps);
    await ensureAdmin(t.deps);
    const all = await t.deps.db.select({ email: users.email, role: users.role }).from(users);
    expect(all).toEqual([{ email: 'boss@fatafat.test', role: 'admin' }]);
    const c = await loginViaApi(t, 'boss@fatafat.test', 'boss-password-1');
    expect((await c.get('/api/user/profile')).body.user.role).toBe('admin');
  });

  it('when the email already has an account, then createOrPromoteAdmin promotes it with the new password', async () => {
    const u = await createUser(t);
    const result = await createOrPromoteAdmin(t.deps.db, {
      email: u.email.toUpperCase(),
      password: 'promoted-pass-1',
      rounds: 4,
    });
    expect(result).toEqual({ id: u.id, created: false });
    const c = await loginViaApi(t, u.email, 'promoted-pass-1');
    expect((await c.get('/api/user/profile')).body.user.role).toBe('admin');
  });

  it('when the command gets bad arguments, then it exits 2 naming them', async () => {
    const err = (await run(process.execPath, [...CLI, '--email', 'nope', '--password', 'x'], {
      cwd: apiDir,
    }).catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(err.code).toBe(2);
    expect(err.stderr).toContain('--email');
    expect(err.stderr).toContain('--password');
  }, 60_000);

  it('when the command gets an email and password, then it creates the admin in the configured database', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fatafat-cli-'));
    try {
      const env = {
        ...process.env,
        DATA_DIR: dataDir,
        NODE_ENV: 'test',
        DATABASE_URL: '',
        BCRYPT_ROUNDS: '4',
      };
      const first = await run(
        process.execPath,
        [...CLI, '--email', 'Ops@Example.com', '--password', 'ops-password-1'],
        { cwd: apiDir, env },
      );
      expect(first.stdout).toMatch(/Created admin ops@example\.com/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
