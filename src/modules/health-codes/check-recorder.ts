// Group commit for check records: checks arriving while a write is in flight wait and go together in
// the next one, so a busy checkpoint costs one transaction per few dozen checks, and every answer is
// given only after its record is committed. When too many are waiting, new ones are turned away
// (503) before anything is promised; when a write fails, its checks are answered 503 too.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';
import { writeChecks, type CheckRecord, type Prepared, type WrittenCheck } from './checks.repo.ts';

type Waiting = { record: CheckRecord; resolve: (w: WrittenCheck) => void; reject: (e: unknown) => void };

export const createCheckRecorder = (db: Kysely<DB>, opts: { maxWaiting: number; maxBatch: number; writers: number; prepared?: Prepared; onError: (err: unknown) => void }) => {
  const queue: Waiting[] = [];
  let writing = 0;
  // Each writer adds to its own shard of the day's counts, so two transactions never wait on one row;
  // another process starts elsewhere among the 64.
  const salt = Math.floor(Math.random() * 64);
  const shardsInUse = new Set<number>();

  const drain = async () => {
    let shard = salt;
    while (shardsInUse.has(shard)) shard = (shard + 1) % 64;
    shardsInUse.add(shard);
    writing++;
    try {
      while (queue.length > 0) {
        // Let the requests already read from the sockets join this batch: one more turn of the loop
        // costs microseconds and saves a write.
        await new Promise((resolve) => setImmediate(resolve));
        const batch = queue.splice(0, opts.maxBatch);
        if (batch.length === 0) break; // the other writer took them meanwhile
        try {
          const written = await writeChecks(db, batch.map((w) => w.record), shard, opts.prepared);
          batch.forEach((w, i) => w.resolve(written[i]!));
        } catch (err) {
          opts.onError(err);
          const failed = new AppError('healthcode.unavailable', '核验记录暂时无法保存，请稍后重试 (check not recorded)');
          for (const w of batch) w.reject(failed);
        }
      }
    } finally {
      writing--;
      shardsInUse.delete(shard);
    }
  };

  /** Resolves once the record is committed, with its id and final result. */
  const record = (r: CheckRecord): Promise<WrittenCheck> => {
    if (queue.length >= opts.maxWaiting) {
      return Promise.reject(new AppError('healthcode.overloaded', '核验繁忙，请稍后重试 (too many checks waiting; nothing was recorded)'));
    }
    const done = new Promise<WrittenCheck>((resolve, reject) => queue.push({ record: r, resolve, reject }));
    // Another writer once a dozen checks wait behind this one: enough to be worth a second commit. (At
    // 32, a second write seldom began while the first held a batch of a process's 64 clients, and the
    // two cores idled through each commit's WAL flush.)
    if (writing === 0 || (writing < opts.writers && queue.length >= 12)) void drain();
    return done;
  };

  return { record };
};
