// Group commit for check records: checks arriving while a write is in flight wait and go together in
// the next one, so a busy checkpoint costs one transaction per few dozen checks, and every answer is
// given only after its record is committed. When too many are waiting, new ones are turned away
// (503) before anything is promised; when a write fails, its checks are answered 503 too.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';
import { writeChecks, type CheckRecord, type WrittenCheck } from './checks.repo.ts';

type Waiting = { record: CheckRecord; resolve: (w: WrittenCheck) => void; reject: (e: unknown) => void };

export const createCheckRecorder = (db: Kysely<DB>, opts: { maxWaiting: number; maxBatch: number; writers: number; onError: (err: unknown) => void }) => {
  const queue: Waiting[] = [];
  let writing = 0;

  const drain = async () => {
    writing++;
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, opts.maxBatch);
        try {
          const written = await writeChecks(db, batch.map((w) => w.record));
          batch.forEach((w, i) => w.resolve(written[i]!));
        } catch (err) {
          opts.onError(err);
          const failed = new AppError('healthcode.unavailable', '核验记录暂时无法保存，请稍后重试 (check not recorded)');
          for (const w of batch) w.reject(failed);
        }
      }
    } finally {
      writing--;
    }
  };

  /** Resolves once the record is committed, with its id and final result. */
  const record = (r: CheckRecord): Promise<WrittenCheck> => {
    if (queue.length >= opts.maxWaiting) {
      return Promise.reject(new AppError('healthcode.overloaded', '核验繁忙，请稍后重试 (too many checks waiting; nothing was recorded)'));
    }
    const done = new Promise<WrittenCheck>((resolve, reject) => queue.push({ record: r, resolve, reject }));
    if (writing < opts.writers) void drain();
    return done;
  };

  return { record, waiting: () => queue.length };
};

export type CheckRecorder = ReturnType<typeof createCheckRecorder>;
