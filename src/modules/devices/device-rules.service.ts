// The device rules in force: the newest published version, or the built-in set. Each process keeps
// them for a few seconds; publishing drops its own copy at once.
import { requirePermission, type Actor } from '../../lib/actor.ts';
import type { Deps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import { chineseErrors } from '../../lib/zod-chinese.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { DEFAULT_DEVICE_RULES, deviceRulesSchema, type DeviceRules } from './device-rules.ts';
import * as repo from './ingest.repo.ts';

const KEEP_MS = 10_000;
const cache = new WeakMap<object, { rules: DeviceRules; version: number; at: number }>();

const load = async (deps: Deps) => {
  const hit = cache.get(deps.db);
  if (hit && Date.now() - hit.at < KEEP_MS) return hit;
  const row = await repo.latestRules(deps.db);
  const fresh = { rules: row ? deviceRulesSchema.parse(row.rules) : DEFAULT_DEVICE_RULES, version: row?.version ?? 0, at: Date.now() };
  cache.set(deps.db, fresh);
  return fresh;
};

export const activeDeviceRules = async (deps: Deps) => (await load(deps)).rules;

export const getDeviceRules = async (deps: Deps, actor: Actor) => {
  requirePermission(actor, 'device.read');
  const { rules, version } = await load(deps);
  return { version, rules };
};

/** Publishes a new version. Throws device.bad_rules with every problem. */
export const publishDeviceRules = async (deps: Deps, actor: Actor, input: unknown, note?: string) => {
  requirePermission(actor, 'device.rules');
  const parsed = deviceRulesSchema.safeParse(input, { error: chineseErrors });
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), reason: i.message }));
    throw new AppError('device.bad_rules', `设备规则有误：${details.map((d) => `${d.path || '(根)'} ${d.reason}`).join('；')}`, details);
  }
  const version = await deps.db.transaction().execute(async (trx) => {
    const v = ((await repo.latestRules(trx))?.version ?? 0) + 1;
    await repo.insertRules(trx, { version: v, rules: JSON.stringify(parsed.data), note: note ?? null, created_by: actor.userId });
    await recordAudit(trx, actor, { action: 'device.rules', targetType: 'device_rules', targetId: v, details: { note } });
    return v;
  });
  cache.delete(deps.db);
  return { version, rules: parsed.data };
};
