// PGlite has no server to arbitrate access: two processes on one data dir would corrupt it. A lock
// file holding the owner's pid keeps the second one out; a lock left by a dead process is taken over.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../lib/errors.ts';

// Locks this process holds. A lock naming our own pid that we do not hold was left by an earlier
// process that had the same pid (common in containers, where the server is often pid 1).
const held = new Set<string>();

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Takes the data dir's lock or throws `db.locked`; returns the function that releases it. */
export const lockDataDir = (dir: string): (() => void) => {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'zhili.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      held.add(path);
      return () => {
        held.delete(path);
        rmSync(path, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number(readFileSync(path, 'utf8').trim());
      const ours = owner === process.pid;
      if (owner && ((ours && held.has(path)) || (!ours && isAlive(owner)))) {
        throw new AppError('db.locked', `Data directory ${dir} is in use by process ${owner}; stop it first or set ZHILI_DATA_DIR to another directory`);
      }
      rmSync(path, { force: true }); // stale: its owner is gone
    }
  }
  throw new AppError('db.locked', `Could not lock data directory ${dir}`);
};
