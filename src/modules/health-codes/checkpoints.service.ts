// The checkpoint registry (卡口): where codes are checked, with the day's counts, and the tracing query
// "who passed here between t1 and t2", which only operators may run and which is audited.
import { requirePermission, type Actor } from '../../lib/actor.ts';
import type { Deps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import { maskIdNumber, maskName, maskPhone } from '../../lib/masking.ts';
import { areasAbove, inScope, narrowScope } from '../../lib/scope.ts';
import type { CheckpointKind } from '../../db/schema.ts';
import { assertAreaOrGridExists } from '../areas/areas.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { chinaDay } from './colour-eval.ts';
import * as repo from './checkpoints.repo.ts';

export type NewCheckpoint = { code?: string; name: string; kind: CheckpointKind; areaCode: string; compound?: string; lng?: number; lat?: number };

const present = (c: repo.CheckpointRow & { checked?: number | null; denied?: number | null }) => ({
  id: c.id, code: c.code, name: c.name, kind: c.kind, areaCode: c.area_code, compound: c.compound, lng: c.lng, lat: c.lat, active: c.active,
  today: { checked: Number(c.checked ?? 0), denied: Number(c.denied ?? 0) },
});

const load = async (deps: Deps, actor: Actor, id: number) => {
  const c = await repo.byId(deps.db, id);
  if (!c || !inScope(actor.scope, c.area_code)) throw new AppError('checkpoint.not_found', `No checkpoint ${id} in your area`);
  return c;
};

/**
 * Checkpoints in scope with the day's counts. `staffed`: also those of the areas above the caller's,
 * where they may check codes too (a grid worker at the community's market or the street's station).
 */
export const listCheckpoints = async (deps: Deps, actor: Actor, q: { area?: string; staffed?: boolean; limit: number; offset: number }) => {
  requirePermission(actor, 'healthcode.read');
  const scope = narrowScope(actor.scope, q.area);
  if (!scope) throw new AppError('area.out_of_scope', `区域 ${q.area} 不在您的管辖范围内`);
  const { items, total } = await repo.list(deps.db, scope, chinaDay(deps.clock()), q.limit, q.offset, q.staffed ? areasAbove(actor.scope) : []);
  return { items: items.map(present), total };
};

export const getCheckpoint = async (deps: Deps, actor: Actor, id: number) => {
  requirePermission(actor, 'healthcode.read');
  const c = await load(deps, actor, id);
  const [today, recent] = await Promise.all([repo.countsOf(deps.db, id, chinaDay(deps.clock())), repo.recentChecks(deps.db, id, 20)]);
  return {
    ...present({ ...c, ...today }),
    recent: recent.map((k) => ({ id: k.id, at: k.at.toISOString(), method: k.method, result: k.result, colour: k.colour, reason: k.reason, name: k.name ? maskName(k.name) : null })),
  };
};

export const registerCheckpoint = async (deps: Deps, actor: Actor, input: NewCheckpoint) => {
  requirePermission(actor, 'checkpoint.manage');
  if (!inScope(actor.scope, input.areaCode)) throw new AppError('area.out_of_scope', `区域 ${input.areaCode} 不在您的管辖范围内`);
  await assertAreaOrGridExists(deps, input.areaCode);
  const code = input.code ?? `KK${input.areaCode}${Date.now().toString(36).toUpperCase().slice(-4)}`;
  return deps.db.transaction().execute(async (trx) => {
    if (await repo.byCode(trx, code)) throw new AppError('checkpoint.duplicate_code', `卡口编号 ${code} 已存在`);
    const c = await repo.insert(trx, {
      code, name: input.name, kind: input.kind, area_code: input.areaCode, compound: input.compound ?? null, lng: input.lng ?? null, lat: input.lat ?? null, created_by: actor.userId,
    });
    await recordAudit(trx, actor, { action: 'checkpoint.register', targetType: 'checkpoint', targetId: c.id, areaCode: c.area_code, details: { code, name: c.name } });
    return present(c);
  });
};

export const setCheckpointActive = async (deps: Deps, actor: Actor, id: number, active: boolean) => {
  requirePermission(actor, 'checkpoint.manage');
  await load(deps, actor, id);
  return deps.db.transaction().execute(async (trx) => {
    const c = (await repo.setActive(trx, id, active))!;
    await recordAudit(trx, actor, { action: active ? 'checkpoint.activate' : 'checkpoint.deactivate', targetType: 'checkpoint', targetId: id, areaCode: c.area_code });
    return present(c);
  });
};

/** Who was checked at a checkpoint in [from, to). Operators only; the query itself is audited. */
export const tracePasses = async (deps: Deps, actor: Actor, id: number, q: { from: string; to: string; passedOnly: boolean; limit: number; offset: number }) => {
  requirePermission(actor, 'healthcode.trace');
  const c = await load(deps, actor, id);
  const from = new Date(q.from), to = new Date(q.to);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || !(from < to)) throw new AppError('request.invalid', 'from and to must be times with from before to');
  if (to.getTime() - from.getTime() > 31 * 86_400_000) throw new AppError('request.invalid', '一次最多追溯 31 天');
  const { items, total } = await repo.passes(deps.db, id, from, to, q.passedOnly, q.limit, q.offset);
  await recordAudit(deps.db, actor, { action: 'checkpoint.trace', targetType: 'checkpoint', targetId: id, areaCode: c.area_code, details: { from: q.from, to: q.to, passedOnly: q.passedOnly, total } });
  return {
    checkpoint: present(c), total,
    items: items.map((k) => ({
      checkId: k.id, at: k.at.toISOString(), method: k.method, result: k.result, colour: k.colour, reason: k.reason, personId: k.person_id,
      name: k.name ? maskName(k.name) : null, idNumber: k.id_number ? maskIdNumber(k.id_number) : null, phone: k.phone ? maskPhone(k.phone) : null, areaCode: k.area_code,
    })),
  };
};
