/**
 * A read remembered for a moment, per database handle and key, with concurrent callers sharing one
 * read. For estimates that many requests ask for at once and that no one needs to the millisecond (a
 * store's open-order count, which feeds ETAs and the surge fee): one query per second instead of one per
 * checkout, and a count that does not get dearer with every order a busy store is working on.
 */
export function shortLived<H extends object, K, T>(
  ttlMs: number,
  read: (handle: H, key: K) => Promise<T>,
  /** Keys are dropped once they expire and this many are held (per-user keys must not grow forever). */
  maxEntries = 10_000,
) {
  const byHandle = new WeakMap<H, Map<K, { at: number; value: Promise<T> }>>();
  const get = (handle: H, key: K): Promise<T> => {
    let entries = byHandle.get(handle);
    if (!entries) {
      entries = new Map();
      byHandle.set(handle, entries);
    }
    const now = Date.now();
    const hit = entries.get(key);
    if (hit && now - hit.at < ttlMs) return hit.value;
    const value = read(handle, key);
    const entry = { at: now, value };
    if (entries.size >= maxEntries) {
      for (const [k, e] of entries) if (now - e.at >= ttlMs) entries.delete(k);
      // Everything still fresh: start over rather than grow (a read costs one query).
      if (entries.size >= maxEntries) entries.clear();
    }
    entries.set(key, entry);
    // A failed read is not remembered.
    value.catch(() => {
      if (entries.get(key) === entry) entries.delete(key);
    });
    return value;
  };
  /** Forgets the remembered answers whose key matches, so the next ask reads (a change known to have happened). */
  const forget = (handle: H, match: (key: K) => boolean): void => {
    const entries = byHandle.get(handle);
    if (entries) for (const k of entries.keys()) if (match(k)) entries.delete(k);
  };
  return Object.assign(get, { forget });
}
