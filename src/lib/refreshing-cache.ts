// A read-through cache for what nearly every request reads (sessions, checkpoints). An entry is served
// for `ttlMs`. In its last part (from `refreshMs`) the first request to see it starts one reload in the
// background and is still answered from memory, so a busy key is never reloaded by every request at
// once: before, each expiry sent all requests in flight to the database together, and a pool's worth of
// new connections with them. Requests that find no usable entry share one load of the key. A load that
// overlaps a deletion is not kept, so a forgotten entry cannot come back from a read made before it.

export type RefreshingCache<K, V, A> = {
  /** The value of `key` (`arg` goes to the loader), or undefined when the loader found none. */
  get: (key: K, arg: A) => Promise<V | undefined>;
  /** Forgets every entry the predicate picks, and any load already under way. */
  deleteWhere: (pick: (value: V, key: K) => boolean) => void;
  size: () => number;
};

export const createRefreshingCache = <K, V, A = void>(opts: {
  ttlMs: number;
  refreshMs: number;
  max: number;
  /** undefined: nothing to keep (asked again next time). */
  load: (key: K, arg: A) => Promise<V | undefined>;
  /** A background reload failed (the entry stays until its time is up). */
  onError?: (err: unknown) => void;
  now?: () => number;
}): RefreshingCache<K, V, A> => {
  const now = opts.now ?? Date.now;
  const entries = new Map<K, { value: V; at: number }>();
  const loading = new Map<K, Promise<V | undefined>>();
  let generation = 0;

  const load = (key: K, arg: A): Promise<V | undefined> => {
    const running = loading.get(key);
    if (running) return running;
    const started = generation;
    const at = now();
    const p: Promise<V | undefined> = opts.load(key, arg).then((value) => {
      if (started === generation) {
        if (value === undefined) entries.delete(key);
        else {
          if (!entries.has(key) && entries.size >= opts.max) entries.delete(entries.keys().next().value as K);
          entries.set(key, { value, at });
        }
      }
      return value;
    }).finally(() => {
      if (loading.get(key) === p) loading.delete(key);
    });
    loading.set(key, p);
    return p;
  };

  const get = async (key: K, arg: A): Promise<V | undefined> => {
    const hit = entries.get(key);
    if (hit) {
      const age = now() - hit.at;
      if (age < opts.ttlMs) {
        // A failed reload leaves the entry as it was, until its time is up.
        if (age >= opts.refreshMs && !loading.has(key)) load(key, arg).catch((err: unknown) => opts.onError?.(err));
        return hit.value;
      }
    }
    return load(key, arg);
  };

  const deleteWhere = (pick: (value: V, key: K) => boolean) => {
    generation++;
    for (const [key, e] of entries) if (pick(e.value, key)) entries.delete(key);
    loading.clear();
  };

  return { get, deleteWhere, size: () => entries.size };
};
