// Checking a code at a checkpoint (POST /health-codes/verify). Everything on the hot path is in memory
// (checkpoints, colours, keys) except the write of the check record, which is group-committed; every
// call that names a checkpoint is recorded exactly once before it is answered.
import type { Actor } from '../../lib/actor.ts';
import { requirePermission } from '../../lib/actor.ts';
import type { Deps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import { createRefreshingCache } from '../../lib/refreshing-cache.ts';
import { canSeeArea } from '../../lib/scope.ts';
import type { Colour } from '../../db/schema.ts';
import { createCheckRecorder } from './check-recorder.ts';
import type { CheckRecord } from './checks.repo.ts';
import * as checkpointsRepo from './checkpoints.repo.ts';
import { openToken, type TokenKey } from './code-token.ts';
import { chinaDay } from './colour-eval.ts';
import { createColourBook } from './colour-book.ts';
import { tokenKeys } from './colour.service.ts';

export type VerifyInput = { checkpoint: string; token?: string; idNumber?: string };

const DENIALS: Record<string, string> = {
  forged: '二维码无效（不是本系统签发或已被篡改）',
  expired: '二维码已过期，请刷新后重新出示',
  replayed: '二维码已被使用过，请出示实时健康码',
  unknown_person: '查无此人',
};

export type Verifier = {
  verify: (actor: Actor, input: VerifyInput) => Promise<ReturnType<typeof present>>;
  start: () => Promise<void>;
  stop: () => Promise<void>;
};

const present = (
  cp: checkpointsRepo.CheckpointRow, at: Date, written: { id: number; result: 'pass' | 'deny' | 'refused'; reason: string },
  colour: Colour | null, name: string | null, colourReason: string | null,
) => ({
  result: written.result as 'pass' | 'deny',
  colour: written.reason === 'replayed' ? null : colour,
  name,
  reasonCode: written.reason,
  reason: written.reason === 'colour' ? colourReason ?? '' : DENIALS[written.reason] ?? written.reason,
  checkId: written.id,
  checkedAt: at.toISOString(),
  checkpoint: { code: cp.code, name: cp.name },
});

export const createVerifier = (deps: Deps, opts: { pollMs?: number; maxEntries?: number; maxWaiting?: number } = {}): Verifier => {
  const book = createColourBook(deps.db, deps.database, { maxEntries: opts.maxEntries ?? 1_000_000, pollMs: opts.pollMs ?? 1000 });
  const recorder = createCheckRecorder(deps.db, {
    maxWaiting: opts.maxWaiting ?? deps.config.verifyQueue, maxBatch: 2000, writers: deps.database.kind === 'postgres' ? 2 : 1, prepared: deps.database.prepared,
    onError: (err) => deps.log.error({ err }, 'check records could not be written'),
  });
  // A checkpoint is read again every 10 s (a deactivation takes effect within that), in the background.
  const checkpoints = createRefreshingCache<string, checkpointsRepo.CheckpointRow | null>({
    ttlMs: 10_000, refreshMs: 8_000, max: 10_000, load: async (code) => (await checkpointsRepo.byCode(deps.db, code)) ?? null,
    onError: (err) => deps.log.warn({ err }, 'a checkpoint could not be reloaded'),
  });
  let keys: Map<number, TokenKey> | null = null;

  const verify = async (actor: Actor, input: VerifyInput) => {
    requirePermission(actor, 'healthcode.verify');
    if (!input.token === !input.idNumber) throw new AppError('request.invalid', 'Send either token (a scanned code) or idNumber (a face gate), not both');
    const at = deps.clock();
    const base: CheckRecord = {
      checkpointId: null, checkpointRef: input.checkpoint, at, day: chinaDay(at), personId: null, method: input.token ? 'token' : 'face',
      result: 'refused', colour: null, reason: 'unknown_checkpoint', tokenId: null, verifierId: actor.userId,
    };
    const cp = await checkpoints.get(input.checkpoint);
    if (!cp || !cp.active) {
      await recorder.record(base);
      throw new AppError('checkpoint.not_found', `卡口 ${input.checkpoint} 不存在或已停用`);
    }
    // Staff check codes at the checkpoints of their area and of the areas above it (a grid worker at the
    // community's gate), not at a neighbour's.
    if (!canSeeArea(actor.scope, cp.area_code)) {
      await recorder.record({ ...base, checkpointId: cp.id, reason: 'out_of_scope' });
      throw new AppError('area.out_of_scope', `卡口 ${cp.name} 不在您的管辖范围内`);
    }
    const rec: CheckRecord = { ...base, checkpointId: cp.id, result: 'deny' };
    let personId: number | null = null;
    if (input.token) {
      keys ??= await tokenKeys(deps.db);
      const reading = openToken(keys, input.token, at);
      if (!reading.ok) return present(cp, at, await recorder.record({ ...rec, reason: reading.reason }), null, null, null);
      personId = reading.claims.personId;
      rec.tokenId = reading.claims.tokenId;
    } else {
      personId = await book.personOf(input.idNumber!);
    }
    const person = personId === null ? null : await book.get(personId);
    if (!person) return present(cp, at, await recorder.record({ ...rec, personId, reason: 'unknown_person' }), null, null, null);
    const written = await recorder.record({ ...rec, personId, colour: person.colour, result: person.colour === 'green' ? 'pass' : 'deny', reason: 'colour' });
    return present(cp, at, written, person.colour, person.name, person.reason);
  };

  return { verify, start: book.start, stop: book.stop };
};
