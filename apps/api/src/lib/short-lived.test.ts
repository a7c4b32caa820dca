import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { shortLived } from './short-lived';

const handle = {};

describe('shortLived', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-24T10:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('when many ask for a key at once, then one read answers them all, until the key is older than the TTL', async () => {
    const read = vi.fn(async (_h: object, key: string) => `${key}@${Date.now()}`);
    const get = shortLived(1000, read);
    const [a, b] = await Promise.all([get(handle, 'k'), get(handle, 'k')]);
    expect(a).toBe(b);
    vi.setSystemTime(Date.now() + 999);
    expect(await get(handle, 'k')).toBe(a);
    vi.setSystemTime(Date.now() + 1);
    expect(await get(handle, 'k')).not.toBe(a);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('when a read fails, then it is not remembered', async () => {
    let calls = 0;
    const get = shortLived(1000, async () => {
      calls += 1;
      if (calls === 1) throw new Error('database down');
      return 'ok';
    });
    await expect(get(handle, 'k')).rejects.toThrow('database down');
    expect(await get(handle, 'k')).toBe('ok');
  });

  it('when more keys than the cap are asked for, then expired keys are dropped first, and fresh ones only when all are fresh', async () => {
    const read = vi.fn(async (_h: object, key: string) => key);
    const get = shortLived(1000, read, 2);
    await get(handle, 'a');
    vi.setSystemTime(Date.now() + 1500);
    await get(handle, 'b');
    await get(handle, 'c'); // the cap is reached: expired 'a' goes, fresh 'b' stays
    await get(handle, 'b');
    expect(read.mock.calls.map((c) => c[1])).toEqual(['a', 'b', 'c']);
    await get(handle, 'd'); // 'b' and 'c' both fresh: start over
    await get(handle, 'b');
    expect(read.mock.calls.map((c) => c[1])).toEqual(['a', 'b', 'c', 'd', 'b']);
  });

  it('when a key is forgotten, then the next ask reads again and other keys stay remembered', async () => {
    const read = vi.fn(async (_h: object, key: string) => key);
    const get = shortLived(1000, read);
    await get(handle, 'u1 s1');
    await get(handle, 'u2 s1');
    get.forget(handle, (k) => k.startsWith('u1 '));
    await get(handle, 'u1 s1');
    await get(handle, 'u2 s1');
    expect(read.mock.calls.map((c) => c[1])).toEqual(['u1 s1', 'u2 s1', 'u1 s1']);
  });
});
