import { describe, expect, it } from 'vitest';
import { createRefreshingCache } from './refreshing-cache.ts';

/** A loader whose loads the test finishes one by one, on a clock the test moves. */
const setup = (opts: { ttlMs?: number; refreshMs?: number; max?: number } = {}) => {
  let clock = 0;
  const loads: { key: string; finish: (v: string | undefined) => void; fail: (e: Error) => void }[] = [];
  const cache = createRefreshingCache<string, string, string>({
    ttlMs: opts.ttlMs ?? 100, refreshMs: opts.refreshMs ?? 80, max: opts.max ?? 10, now: () => clock,
    load: (key) => new Promise((finish, fail) => loads.push({ key, finish, fail })),
  });
  const settle = () => new Promise((r) => setImmediate(r));
  return { cache, loads, settle, at: (t: number) => { clock = t; } };
};

describe('refreshing cache', () => {
  it('answers every request in flight for a missing key with one load', async () => {
    const { cache, loads } = setup();
    const answers = Promise.all(Array.from({ length: 64 }, () => cache.get('s', 'ip')));
    expect(loads).toHaveLength(1);
    loads[0]!.finish('row');
    expect(await answers).toEqual(Array(64).fill('row'));
  });

  it('serves from memory, reloads once in the background near the end, and waits only once the entry is too old', async () => {
    const { cache, loads, settle, at } = setup();
    const first = cache.get('s', 'ip');
    loads[0]!.finish('v1');
    await first;
    at(79);
    expect(await cache.get('s', 'ip')).toBe('v1');
    expect(loads).toHaveLength(1);
    at(80);
    expect(await cache.get('s', 'ip')).toBe('v1'); // answered at once, a reload started
    expect(await cache.get('s', 'ip')).toBe('v1'); // that reload is not started twice
    expect(loads).toHaveLength(2);
    loads[1]!.finish('v2');
    await settle();
    expect(await cache.get('s', 'ip')).toBe('v2');
    at(80 + 100); // the reload's entry is as old as the moment it was read
    const late = cache.get('s', 'ip');
    expect(loads).toHaveLength(3);
    loads[2]!.finish('v3');
    expect(await late).toBe('v3');
  });

  it('does not keep what a load finds after the key was forgotten, nor lets a later request join that load', async () => {
    const { cache, loads, settle } = setup();
    const before = cache.get('s', 'ip');
    cache.deleteWhere((_, key) => key === 's'); // a logout while the session was being read
    const after = cache.get('s', 'ip');
    expect(loads).toHaveLength(2);
    loads[1]!.finish(undefined);
    expect(await after).toBeUndefined();
    loads[0]!.finish('read before the logout'); // the slower, older read ends last
    expect(await before).toBe('read before the logout');
    await settle();
    expect(cache.size()).toBe(0);
    void cache.get('s', 'ip');
    expect(loads).toHaveLength(3);
  });

  it('keeps nothing for a key the loader did not find', async () => {
    const { cache, loads } = setup();
    const first = cache.get('x', 'ip');
    loads[0]!.finish(undefined);
    expect(await first).toBeUndefined();
    void cache.get('x', 'ip');
    expect(loads).toHaveLength(2);
  });

  it('keeps an entry whose background reload failed, and fails a request that had to wait', async () => {
    const { cache, loads, settle, at } = setup();
    const first = cache.get('s', 'ip');
    loads[0]!.finish('v1');
    await first;
    at(90);
    expect(await cache.get('s', 'ip')).toBe('v1');
    loads[1]!.fail(new Error('database away'));
    await settle();
    expect(await cache.get('s', 'ip')).toBe('v1');
    at(200);
    const late = cache.get('s', 'ip');
    loads.at(-1)!.fail(new Error('database away'));
    await expect(late).rejects.toThrow('database away');
  });

  it('drops the oldest entry when full', async () => {
    const { cache, loads } = setup({ max: 2 });
    for (const key of ['a', 'b', 'c']) {
      const p = cache.get(key, 'ip');
      loads.at(-1)!.finish(key.toUpperCase());
      await p;
    }
    expect(cache.size()).toBe(2);
    void cache.get('a', 'ip');
    expect(loads.at(-1)!.key).toBe('a');
    expect(await cache.get('c', 'ip')).toBe('C');
  });
});
