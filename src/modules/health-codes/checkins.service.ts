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
import { openCheckinEvent, wantsEvent } from './checkin-events.service.ts';
import { dueDays, isFever, missingDays } from './checkin-facts.ts';
import { dayStart } from './colour-eval.ts';
import { measuresNeedingCheckins } from './colour-rules.ts';
import * as colourRepo from './colour.repo.ts';
import { activeRules, recolour } from './colour.service.ts';
import * as repo from './checkins.repo.ts';

/** How far back staff may enter a check-in from the paper sheet, and how long an ended period stays on the round. */
export const BACKFILL_DAYS = 30;
const ROUND_LIMIT = 500;

const eventOf = (id: number | null, code: string | null) => (id === null || code === null ? null : { id: Number(id), code });

export const presentCheckin = (c: repo.CheckinRow) => ({
  id: c.id, personId: c.person_id, day: c.day, temperature: Number(c.temperature), fever: isFever(Number(c.temperature)), symptoms: c.symptoms,
  note: c.note, bySelf: c.by_self, recordedBy: c.created_name, recordedAt: c.created_at.toISOString(),
  wantsEvent: c.wants_event, event: eventOf(c.event_id, c.event_code),
});

export type CheckinInput = { personId?: number; day?: string; temperature: number; symptoms: string[]; note?: string };

const notInArea = (personId: number) => new AppError('person.not_found', `您的管辖范围内没有人员 ${personId}`);

/** Throws checkin.bad_day, checkin.exists, person.not_found, healthcode.no_person, request.invalid, auth.forbidden. */
export const recordCheckin = async (deps: Deps, actor: Actor, input: CheckinInput) => {
  requirePermission(actor, 'healthcode.checkin');
  const now = deps.clock();
  const today = chinaDay(now);
  const day = input.day ?? today;
  const self = actor.personId !== null;
  if (self && input.personId !== undefined && input.personId !== actor.personId) throw new AppError('auth.forbidden', '居民只能为本人打卡');
  if (self && day !== today) throw new AppError('checkin.bad_day', `居民只能为今天（${today}）打卡，漏打的日子请联系网格员补录`);
  if (day > today) throw new AppError('checkin.bad_day', `不能为以后的日子打卡（今天是 ${today}）`);
  if (day < chinaDay(dayStart(today, -BACKFILL_DAYS))) throw new AppError('checkin.bad_day', `只能补录 ${BACKFILL_DAYS} 天内的打卡`);
  const personId = actor.personId ?? input.personId;
  if (!personId) throw new AppError('request.invalid', '请指明为哪位人员打卡（personId）');
  const person = await colourRepo.personBrief(deps.db, personId);
  if (!person) throw self ? new AppError('healthcode.no_person', '未找到您的居民信息') : notInArea(personId);
  if (!self && !inScope(actor.scope, person.area_code)) throw notInArea(personId);
  const symptoms = [...new Set(input.symptoms)];
  const wants = wantsEvent({ day, temperature: input.temperature, symptoms }, chinaDay(dayStart(today, -1)));
  const recorded = await deps.db.transaction().execute(async (trx) => {
    // One person's check-ins are recoloured one after another: each sees the others' rows.
    await colourRepo.lockPerson(trx, personId);
    const row = await repo.insertCheckin(trx, {
      personId, day, temperature: input.temperature, symptoms, note: input.note ?? null, areaCode: person.area_code, bySelf: self,
      createdBy: actor.userId, createdName: actor.username, at: now, wantsEvent: wants,
    });
    if (!row) throw new AppError('checkin.exists', `${day} 已经打过卡`);
    await recordAudit(trx, actor, { action: 'healthcode.checkin', targetType: 'person', targetId: personId, areaCode: person.area_code, details: { day, self } });
    await recolour(deps, [personId], 'checkin', trx);
    const code = (await colourRepo.getCodes(trx, [personId])).get(personId);
    return { checkin: presentCheckin(row), colour: code?.colour ?? 'green' };
  });
  if (!wants) return recorded;
  // After the commit: the check-in stands even if its event cannot be made now (the worker makes it).
  const event = await openCheckinEvent(deps, recorded.checkin.id, now).catch((err) => {
    deps.log.warn({ err, checkinId: recorded.checkin.id }, 'an unwell check-in could not open its event; the worker will');
    return null;
  });
  return event ? { ...recorded, checkin: { ...recorded.checkin, event: { id: event.id, code: event.code } } } : recorded;
};

/**
 * A person's measures that want check-ins and ended at most 30 days ago, each with its days still
 * missing up to yesterday (today's can still come; the colour rules count the same days), and their
 * check-ins since the earliest of those measures began.
 */
const checkinsSummary = async (deps: Deps, personId: number) => {
  const today = chinaDay(deps.clock());
  const yesterday = chinaDay(dayStart(today, -1));
  const { rules } = await activeRules(deps.db);
  const measures = (await repo.measuresOf(deps.db, personId, measuresNeedingCheckins(rules), chinaDay(dayStart(today, -BACKFILL_DAYS))))
    .filter((m) => m.start_date <= today)
    .map((m) => ({ startDate: m.start_date, endDate: m.end_date, recordedOn: m.recorded_on, kind: m.kind }));
  const since = measures.reduce((d, m) => (m.startDate < d ? m.startDate : d), chinaDay(dayStart(today, -BACKFILL_DAYS)));
  const items = await repo.checkinsOf(deps.db, personId, since);
  return {
    today,
    measures: measures.map((m) => ({
      kind: m.kind, startDate: m.startDate, endDate: m.endDate, active: m.endDate >= today,
      missing: missingDays(m, items, yesterday), days: dueDays(m).length,
    })),
    items: items.map(presentCheckin),
  };
};

/** The resident's own check-ins: whether one is due today, and the recent ones. Throws healthcode.no_person. */
export const myCheckins = async (deps: Deps, actor: Actor) => {
  requirePermission(actor, 'healthcode.checkin');
  if (!actor.personId) throw new AppError('healthcode.no_person', '此账号未关联居民身份');
  const summary = await checkinsSummary(deps, actor.personId);
  const dueToday = summary.measures.some((m) => m.active) && !summary.items.some((c) => c.day === summary.today);
  return { ...summary, dueToday };
};

/** A person's check-ins, for staff of their area. Throws person.not_found. */
export const personCheckins = async (deps: Deps, actor: Actor, personId: number) => {
  requirePermission(actor, 'healthcode.read');
  const person = await colourRepo.personBrief(deps.db, personId);
  if (!person || !inScope(actor.scope, person.area_code)) throw notInArea(personId);
  return checkinsSummary(deps, personId);
};

/**
 * Who in the area should check in on a day, with their check-in or none, and whose ended period still
 * misses days: the grid worker's round, the first 500 with the total. Throws checkin.bad_day,
 * area.out_of_scope, auth.forbidden (a resident).
 */
export const checkinRoster = async (deps: Deps, actor: Actor, q: { area?: string; day?: string }) => {
  requirePermission(actor, 'healthcode.checkin');
  if (actor.personId !== null) throw new AppError('auth.forbidden', '打卡名单仅供工作人员查看');
  const scope = scopeWithin(actor, q.area);
  const today = chinaDay(deps.clock());
  const day = q.day ?? today;
  if (day > today) throw new AppError('checkin.bad_day', `不能查看以后的日子（今天是 ${today}）`);
  const { rules } = await activeRules(deps.db);
  const rows = await repo.roster(deps.db, scope, measuresNeedingCheckins(rules), day, BACKFILL_DAYS, ROUND_LIMIT);
  return {
    day,
    total: rows[0]?.total ?? 0,
    items: rows.map((r) => ({
      personId: r.person_id, name: maskName(r.name), address: r.address, gridCode: r.area_code,
      measure: { kind: r.kind, startDate: r.start_date, endDate: r.end_date, ended: r.end_date < day }, missedBefore: r.missed,
      checkin: r.checkin_id === null ? null : {
        temperature: Number(r.temperature), fever: isFever(Number(r.temperature)), symptoms: r.symptoms ?? [], recordedBy: r.created_name, event: eventOf(r.event_id, r.event_code),
      },
    })),
  };
};
