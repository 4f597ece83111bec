import { describe, expect, it } from 'vitest';
import { createRefreshingCache } from './refreshing-cache.ts';

/** A loader whose loads the test finishes one by one, on a clock the test moves. */
const setup = (opts: { ttlMs?: number; refreshMs?: number; max?: number } = {}) => {
  let clock = 0;
  const errors: unknown[] = [];
  const loads: { key: string; finish: (v: string | undefined) => void; fail: (e: Error) => void }[] = [];
  const cache = createRefreshingCache<string, string, string>({
    ttlMs: opts.ttlMs ?? 100, refreshMs: opts.refreshMs ?? 80, max: opts.max ?? 10, now: () => clock, onError: (e) => errors.push(e),
    load: (key) => new Promise((finish, fail) => loads.push({ key, finish, fail })),
  });
  const settle = () => new Promise((r) => setImmediate(r));
  const cached = async (key: string, value: string) => {
    const p = cache.get(key, 'ip');
    loads.at(-1)!.finish(value);
    await p;
  };
  return { cache, loads, errors, settle, cached, at: (t: number) => { clock = t; } };
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

  it('forgets exactly the entries picked, at once; the others are still answered from memory', async () => {
    const { cache, loads, cached } = setup();
    await cached('alice-1', 'alice');
    await cached('alice-2', 'alice');
    await cached('bob-1', 'bob');
    cache.deleteWhere((user) => user === 'alice'); // alice disabled
    expect(cache.size()).toBe(1);
    expect(await cache.get('bob-1', 'ip')).toBe('bob');
    expect(loads).toHaveLength(3);
    const again = cache.get('alice-1', 'ip');
    expect(loads).toHaveLength(4);
    loads[3]!.finish(undefined); // the session is gone from the database
    expect(await again).toBeUndefined();
  });

  it('does not keep a background reload that overlaps a forget (a NOTIFY while the session was being read again)', async () => {
    const { cache, loads, cached, settle, at } = setup();
    await cached('s', 'v1');
    at(85);
    expect(await cache.get('s', 'ip')).toBe('v1'); // background reload under way
    cache.deleteWhere(() => true);
    loads[1]!.finish('read before the forget');
    await settle();
    expect(cache.size()).toBe(0);
    void cache.get('s', 'ip');
    expect(loads).toHaveLength(3);
  });

  it('drops an entry whose background reload finds nothing (the session was ended elsewhere)', async () => {
    const { cache, loads, cached, settle, at } = setup();
    await cached('s', 'v1');
    at(85);
    await cache.get('s', 'ip');
    loads[1]!.finish(undefined);
    await settle();
    expect(cache.size()).toBe(0);
  });

  it('keeps nothing for a key the loader did not find', async () => {
    const { cache, loads } = setup();
    const first = cache.get('x', 'ip');
    loads[0]!.finish(undefined);
    expect(await first).toBeUndefined();
    void cache.get('x', 'ip');
    expect(loads).toHaveLength(2);
  });

  it('keeps an entry whose background reload failed (and says so), and fails every request that had to wait', async () => {
    const { cache, loads, errors, settle, at } = setup();
    const first = cache.get('s', 'ip');
    loads[0]!.finish('v1');
    await first;
    at(90);
    expect(await cache.get('s', 'ip')).toBe('v1');
    loads[1]!.fail(new Error('database away'));
    await settle();
    expect(errors).toHaveLength(1);
    expect(await cache.get('s', 'ip')).toBe('v1');
    at(200);
    const late = [cache.get('s', 'ip'), cache.get('s', 'ip')];
    loads.at(-1)!.fail(new Error('database away'));
    for (const p of late) await expect(p).rejects.toThrow('database away');
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

  it('reloading a key already kept, when full, drops no other', async () => {
    const { cache, loads, cached, settle, at } = setup({ max: 2 });
    await cached('a', 'A'); // the oldest
    at(10);
    await cached('b', 'B');
    at(95);
    await cache.get('b', 'ip'); // b reloaded in the background
    loads.at(-1)!.finish('B2');
    await settle();
    expect(await Promise.race([cache.get('a', 'ip'), settle().then(() => 'had to wait')])).toBe('A');
    expect(await cache.get('b', 'ip')).toBe('B2');
  });
});
