import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

describe('the default DATA_DIR', () => {
  it('when DATA_DIR is unset, then every entry point (whatever its working directory) uses <repository>/data', () => {
    expect(process.cwd()).not.toBe(ROOT); // vitest runs in apps/api, like npm run seed and admin:create
    expect(loadConfig({ NODE_ENV: 'test' }).dataDir).toBe(path.join(ROOT, 'data'));
  });

  it('when DATA_DIR is relative, then it is taken from where the command was typed (INIT_CWD), not the workspace folder', () => {
    expect(loadConfig({ NODE_ENV: 'test', DATA_DIR: './shop', INIT_CWD: ROOT }).dataDir).toBe(path.join(ROOT, 'shop'));
    expect(loadConfig({ NODE_ENV: 'test', DATA_DIR: '/srv/fatafat' }).dataDir).toBe('/srv/fatafat');
  });
});
