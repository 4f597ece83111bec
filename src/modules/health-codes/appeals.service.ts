// Appeals (纠错) and manual decisions. A resident appeals their own code, a grid worker a person of
// their grid (also the one whose code they have just checked); a street operator decides. Granting
// sets the appealed rules aside for the facts of the time, so a new measure or zone later still
// counts. Every step is audited and recolours at once.
import { requirePermission, type Actor } from '../../lib/actor.ts';
import type { Deps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import { maskName } from '../../lib/masking.ts';
import { inScope } from '../../lib/scope.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Hit } from './colour-eval.ts';
import * as colourRepo from './colour.repo.ts';
import { activeRules, recolour } from './colour.service.ts';
import * as repo from './appeals.repo.ts';

const personInScope = async (deps: Deps, actor: Actor, personId: number) => {
  const person = await colourRepo.personBrief(deps.db, personId);
  if (!person || !inScope(actor.scope, person.area_code)) throw new AppError('person.not_found', `No person ${personId} in your area`);
  return person;
};

/**
 * Files an appeal: a resident for themself; staff for a person of their area, named by id or by a check
 * of their code (`checkId`: at the gate, the person the check was about). Throws person.not_found,
 * healthcode.appeal_pending, healthcode.check_not_found.
 */
export const fileAppeal = async (deps: Deps, actor: Actor, input: { personId?: number; checkId?: number; reason: string }) => {
  requirePermission(actor, 'healthcode.appeal');
  const checked = input.checkId && !actor.personId ? await colourRepo.personOfCheck(deps.db, input.checkId) : undefined;
  if (input.checkId && !actor.personId && !checked) throw new AppError('healthcode.check_not_found', `核验记录 ${input.checkId} 不存在或未识别到人员`);
  const personId = actor.personId ?? input.personId ?? checked;
  if (!personId) throw new AppError('request.invalid', 'personId is required');
  if (actor.personId && input.personId && input.personId !== actor.personId) throw new AppError('auth.forbidden', '居民只能为本人申诉');
  const person = actor.personId ? await colourRepo.personBrief(deps.db, personId) : await personInScope(deps, actor, personId);
  if (!person) throw new AppError('healthcode.no_person', '未找到您的居民信息');
  if (await repo.pendingOf(deps.db, personId)) throw new AppError('healthcode.appeal_pending', '已有一件申诉在处理中');
  const code = (await colourRepo.getCodes(deps.db, [personId])).get(personId);
  const { rules } = await activeRules(deps.db);
  const reasons: Hit[] = code?.reasons ?? [{ rule: 'default', colour: 'green', reason: rules.defaultReason, since: '' }];
  return deps.db.transaction().execute(async (trx) => {
    const appeal = await repo.insertAppeal(trx, {
      person_id: personId, area_code: person.area_code, colour: code?.colour ?? 'green', reasons, reason: input.reason,
      filed_by: actor.userId, filed_name: actor.username, filed_at: deps.clock(),
    });
    await recordAudit(trx, actor, { action: 'healthcode.appeal_file', targetType: 'person', targetId: personId, areaCode: person.area_code, details: { appealId: appeal.id } });
    return repo.presentAppeal(appeal);
  });
};

export const listAppeals = async (deps: Deps, actor: Actor, q: { status?: 'pending' | 'granted' | 'rejected'; limit: number; offset: number }) => {
  requirePermission(actor, 'healthcode.read');
  const { items, total } = await repo.listAppeals(deps.db, actor.scope, q.status, q.limit, q.offset);
  return { items: items.map((a) => ({ ...repo.presentAppeal(a), personName: maskName(a.person_name) })), total };
};

export const decideAppeal = async (deps: Deps, actor: Actor, id: number, input: { grant: boolean; note: string; exemptRules?: string[] }) => {
  requirePermission(actor, 'healthcode.decide');
  const appeal = await repo.getAppeal(deps.db, id);
  if (!appeal || !inScope(actor.scope, appeal.area_code)) throw new AppError('healthcode.appeal_not_found', `No appeal ${id} in your area`);
  if (appeal.status !== 'pending') throw new AppError('healthcode.invalid_state', `申诉已${appeal.status === 'granted' ? '予以纠正' : '驳回'}`);
  const appealed = new Set((appeal.reasons as Hit[]).map((r) => r.rule).filter((r) => r !== 'default'));
  const exempt = input.grant ? [...new Set(input.exemptRules ?? [...appealed])] : [];
  if (input.grant && exempt.length === 0) throw new AppError('request.invalid', '纠正需要指明撤销的规则 (exemptRules)');
  const stray = exempt.filter((r) => !appealed.has(r));
  if (stray.length) throw new AppError('request.invalid', `申诉时的赋码理由中没有规则 ${stray.join(', ')}`);
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const decided = await repo.decideAppeal(trx, id, { status: input.grant ? 'granted' : 'rejected', by: actor.userId, name: actor.username, at: now, note: input.note, exemptRules: exempt });
    if (!decided) throw new AppError('healthcode.invalid_state', '申诉已被他人处理');
    await repo.insertDecisions(trx, exempt.map((rule) => ({
      person_id: appeal.person_id, kind: 'exempt' as const, colour: null, rule_id: rule, reason: `申诉 #${id} 纠正：${input.note}`,
      until: null, appeal_id: id, created_by: actor.userId, created_name: actor.username, created_at: now,
    })));
    await recordAudit(trx, actor, { action: 'healthcode.appeal_decide', targetType: 'person', targetId: appeal.person_id, areaCode: appeal.area_code, details: { appealId: id, grant: input.grant, exemptRules: exempt } });
    if (exempt.length) await recolour(deps, [appeal.person_id], `appeal:${id}`, trx);
    return repo.presentAppeal(decided);
  });
};

/** Raises a person's colour by hand, with a reason and optionally an end. */
export const raiseColour = async (deps: Deps, actor: Actor, personId: number, input: { colour: 'yellow' | 'red'; reason: string; until?: string }) => {
  requirePermission(actor, 'healthcode.decide');
  const person = await personInScope(deps, actor, personId);
  const now = deps.clock();
  const until = input.until ? new Date(input.until) : null;
  if (until && !(until > now)) throw new AppError('request.invalid', 'until must be in the future');
  return deps.db.transaction().execute(async (trx) => {
    const [d] = await repo.insertDecisions(trx, [{
      person_id: personId, kind: 'raise', colour: input.colour, rule_id: null, reason: input.reason, until,
      appeal_id: null, created_by: actor.userId, created_name: actor.username, created_at: now,
    }]);
    await recordAudit(trx, actor, { action: 'healthcode.raise', targetType: 'person', targetId: personId, areaCode: person.area_code, details: { colour: input.colour, reason: input.reason } });
    await recolour(deps, [personId], `decision:${d!.id}`, trx);
    return repo.presentDecision(d!);
  });
};

export const revokeDecision = async (deps: Deps, actor: Actor, decisionId: number) => {
  requirePermission(actor, 'healthcode.decide');
  const d = await repo.getDecision(deps.db, decisionId);
  if (!d) throw new AppError('healthcode.decision_not_found', `No decision ${decisionId}`);
  const person = await personInScope(deps, actor, d.person_id).catch(() => {
    throw new AppError('healthcode.decision_not_found', `No decision ${decisionId} in your area`);
  });
  return deps.db.transaction().execute(async (trx) => {
    const revoked = await repo.revokeDecision(trx, decisionId, deps.clock());
    if (!revoked) throw new AppError('healthcode.invalid_state', '该决定已撤销');
    await recordAudit(trx, actor, { action: 'healthcode.revoke', targetType: 'person', targetId: d.person_id, areaCode: person.area_code, details: { decisionId } });
    await recolour(deps, [d.person_id], `decision:${decisionId}`, trx);
    return repo.presentDecision(revoked);
  });
};
