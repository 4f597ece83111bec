// Daily health check-ins (每日健康打卡): a resident under observation or monitoring reports today's
// temperature and symptoms; grid staff record them for a person of their area (at the door, or later
// from the paper sheet, up to 30 days back). One per person and day. Each recolours the person in the
// same transaction: the rules read fevers, symptoms and the days still missing.
import { requirePermission, scopeWithin, type Actor } from '../../lib/actor.ts';
import { chinaDay } from '../../lib/china-time.ts';
import type { Deps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import { maskName } from '../../lib/masking.ts';
import { inScope } from '../../lib/scope.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { daysBetween, isFever, missingDays } from './checkin-facts.ts';
import { dayStart } from './colour-eval.ts';
import { measuresNeedingCheckins } from './colour-rules.ts';
import * as colourRepo from './colour.repo.ts';
import { activeRules, recolour } from './colour.service.ts';
import * as repo from './checkins.repo.ts';

/** How far back staff may enter a check-in from the paper sheet. */
const BACKFILL_DAYS = 30;

export const presentCheckin = (c: repo.CheckinRow) => ({
  id: c.id, personId: c.person_id, day: c.day, temperature: Number(c.temperature), fever: isFever(Number(c.temperature)), symptoms: c.symptoms,
  note: c.note, bySelf: c.by_self, recordedBy: c.created_name, recordedAt: c.created_at.toISOString(),
});

export type CheckinInput = { personId?: number; day?: string; temperature: number; symptoms: string[]; note?: string };

/** Throws checkin.bad_day, checkin.exists, person.not_found, healthcode.no_person, auth.forbidden. */
export const recordCheckin = async (deps: Deps, actor: Actor, input: CheckinInput) => {
  requirePermission(actor, 'healthcode.checkin');
  const now = deps.clock();
  const today = chinaDay(now);
  const day = input.day ?? today;
  const self = actor.personId !== null;
  if (self && input.personId !== undefined && input.personId !== actor.personId) throw new AppError('auth.forbidden', '居民只能为本人打卡');
  if (self && day !== today) throw new AppError('checkin.bad_day', `居民只能为今天（${today}）打卡`);
  if (day > today) throw new AppError('checkin.bad_day', `不能为以后的日子打卡（今天是 ${today}）`);
  if (day < chinaDay(dayStart(today, -BACKFILL_DAYS))) throw new AppError('checkin.bad_day', `只能补录 ${BACKFILL_DAYS} 天内的打卡`);
  const personId = actor.personId ?? input.personId;
  if (!personId) throw new AppError('request.invalid', 'personId is required');
  const person = await colourRepo.personBrief(deps.db, personId);
  if (!person) throw new AppError(self ? 'healthcode.no_person' : 'person.not_found', self ? '未找到您的居民信息' : `No person ${personId} in your area`);
  if (!self && !inScope(actor.scope, person.area_code)) throw new AppError('person.not_found', `No person ${personId} in your area`);
  const symptoms = [...new Set(input.symptoms)];
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.insertCheckin(trx, {
      personId, day, temperature: input.temperature, symptoms, note: input.note ?? null, areaCode: person.area_code, bySelf: self,
      createdBy: actor.userId, createdName: actor.username, at: now,
    });
    if (!row) throw new AppError('checkin.exists', `${day} 已经打过卡`);
    await recordAudit(trx, actor, { action: 'healthcode.checkin', targetType: 'person', targetId: personId, areaCode: person.area_code, details: { day, self } });
    await recolour(deps, [personId], 'checkin', trx);
    const code = (await colourRepo.getCodes(trx, [personId])).get(personId);
    return { checkin: presentCheckin(row), colour: code?.colour ?? 'green' };
  });
};

/** A person's check-ins of the last weeks and, for each measure that wants them, the days still missing. */
const checkinsSummary = async (deps: Deps, personId: number) => {
  const today = chinaDay(deps.clock());
  const since = chinaDay(dayStart(today, -BACKFILL_DAYS));
  const { rules } = await activeRules(deps.db);
  const [items, measures] = await Promise.all([repo.checkinsOf(deps.db, personId, since), repo.measuresOf(deps.db, personId, measuresNeedingCheckins(rules), since)]);
  const done = items.map((c) => ({ day: c.day }));
  return {
    today,
    // Missing counts the days up to yesterday: today's can still come.
    measures: measures.filter((m) => m.start_date <= today).map((m) => ({
      kind: m.kind, startDate: m.start_date, endDate: m.end_date, active: m.end_date >= today,
      missing: missingDays({ startDate: m.start_date, endDate: m.end_date < today ? m.end_date : chinaDay(dayStart(today, -1)) }, done),
      days: daysBetween(m.start_date, m.end_date).length,
    })),
    items: items.map(presentCheckin),
  };
};

/** The resident's own check-ins: whether one is due today, and the recent ones. */
export const myCheckins = async (deps: Deps, actor: Actor) => {
  requirePermission(actor, 'healthcode.checkin');
  if (!actor.personId) throw new AppError('healthcode.no_person', '此账号未关联居民身份');
  const summary = await checkinsSummary(deps, actor.personId);
  const dueToday = summary.measures.some((m) => m.active) && !summary.items.some((c) => c.day === summary.today);
  return { ...summary, dueToday };
};

/** A person's check-ins, for staff of their area. */
export const personCheckins = async (deps: Deps, actor: Actor, personId: number) => {
  requirePermission(actor, 'healthcode.read');
  const person = await colourRepo.personBrief(deps.db, personId);
  if (!person || !inScope(actor.scope, person.area_code)) throw new AppError('person.not_found', `No person ${personId} in your area`);
  return checkinsSummary(deps, personId);
};

/** Who in the area should check in on a day, with their check-in or none, and whose ended period still misses days: the grid worker's round. */
export const checkinRoster = async (deps: Deps, actor: Actor, q: { area?: string; day?: string }) => {
  requirePermission(actor, 'healthcode.checkin');
  if (actor.personId !== null) throw new AppError('auth.forbidden', 'Staff only');
  const scope = scopeWithin(actor, q.area);
  const today = chinaDay(deps.clock());
  const day = q.day ?? today;
  if (day > today) throw new AppError('checkin.bad_day', `不能查看以后的日子（今天是 ${today}）`);
  const { rules } = await activeRules(deps.db);
  const rows = await repo.roster(deps.db, scope, measuresNeedingCheckins(rules), day, BACKFILL_DAYS);
  return {
    day,
    items: rows.map((r) => ({
      personId: r.person_id, name: maskName(r.name), address: r.address, gridCode: r.area_code,
      measure: { kind: r.kind, startDate: r.start_date, endDate: r.end_date, ended: r.end_date < day }, missedBefore: r.missed,
      checkin: r.checkin_id === null ? null : { temperature: Number(r.temperature), fever: isFever(Number(r.temperature)), symptoms: r.symptoms ?? [], recordedBy: r.created_name },
    })),
  };
};
