// Pure: a person's colour from the rules and the facts about them at a moment. Every rule that fires
// is a reason; the highest colour wins; with none, the default rule gives green. Also says when time
// alone could change the answer, so the worker knows when to look again.
import type { Colour, ZoneLevel } from '../../db/schema.ts';
import type { Measure } from '../screening/screening-outcomes.ts';
import { colourRank, type Rule, type RuleSet } from './colour-rules.ts';
import { chinaDay } from '../../lib/china-time.ts';
import { checkinFindings, missingDays, type Checkin } from './checkin-facts.ts';

export type Facts = {
  /** `recordedOn`: the China day the measure was recorded; check-ins are wanted from then. */
  measures: readonly { kind: Measure; startDate: string; endDate: string; place: string | null; recordedOn?: string }[];
  /** Screening tasks: outcome null while the visit is pending; `at` is the verification (or import) time. */
  screenings: readonly { outcome: string | null; at: Date; batch: string }[];
  zones: readonly { name: string; level: ZoneLevel; since: Date }[];
  decisions: readonly { kind: 'raise' | 'exempt'; colour: 'yellow' | 'red' | null; ruleId: string | null; reason: string; until: Date | null; createdAt: Date }[];
  /** Daily health check-ins; `at` is when it was recorded. */
  checkins: readonly Checkin[];
};

export type Hit = { rule: string; colour: Colour; reason: string; since: string };
export type Verdict = { colour: Colour; reasons: Hit[]; reviewAt: Date | null };

export const NO_FACTS: Facts = { measures: [], screenings: [], zones: [], decisions: [], checkins: [] };

const DAY_MS = 86_400_000;
/** The calendar day in China (UTC+8, no daylight saving) of an instant. */
export { chinaDay };
/** The instant a China calendar day begins, `plus` days later. */
export const dayStart = (day: string, plus = 0): Date => new Date(Date.parse(`${day}T00:00:00+08:00`) + plus * DAY_MS);

type Match = { since: Date; detail: string; until: Date | null };

/** Each fact that satisfies the rule's condition at `now` (whose China day is `today`), with when it began and when it stops. */
const matches = (rule: Rule, facts: Facts, now: Date, today: string): Match[] => {
  const w = rule.when;
  if ('measure' in w) {
    return facts.measures.filter((m) => w.measure.includes(m.kind)).flatMap((m) => {
      if (w.phase === 'active') {
        if (m.startDate > today || m.endDate < today) return [];
        return [{ since: dayStart(m.startDate), until: dayStart(m.endDate, 1), detail: `${m.startDate} 至 ${m.endDate}${m.place ? `，${m.place}` : ''}` }];
      }
      if (w.phase === 'unchecked') {
        const until = dayStart(m.endDate, 1 + w.withinDays!);
        if (m.endDate >= today || until <= now) return [];
        const missing = missingDays(m, facts.checkins);
        if (missing.length === 0) return [];
        const shown = missing.slice(0, 3).map((d) => d.slice(5)).join('、');
        return [{ since: dayStart(m.endDate, 1), until, detail: `${m.startDate} 至 ${m.endDate} 缺 ${missing.length} 天：${shown}${missing.length > 3 ? ' 等' : ''}` }];
      }
      const until = dayStart(m.endDate, 1 + w.withinDays!);
      if (m.endDate >= today || until <= now) return [];
      return [{ since: dayStart(m.endDate, 1), until, detail: `${m.endDate} 解除，至 ${chinaDay(new Date(until.getTime() - 1))}` }];
    });
  }
  if ('zone' in w) {
    // A zone drawn to start later counts from its start.
    return facts.zones.filter((z) => w.zone.includes(z.level) && z.since <= now).map((z) => ({ since: z.since, until: null, detail: z.name }));
  }
  if ('checkin' in w) {
    const look = { fever: w.checkin.includes('fever'), symptoms: w.checkin.includes('symptoms') };
    return facts.checkins.flatMap((c) => {
      const findings = checkinFindings(c, look);
      const until = dayStart(c.day, w.withinDays);
      if (findings.length === 0 || c.at > now || until <= now) return [];
      return [{ since: c.at, until, detail: `${c.day} ${findings.join('、')}` }];
    });
  }
  if ('screening' in w) {
    return facts.screenings.filter((s) => w.screening.includes(s.outcome ?? 'pending')).flatMap((s) => {
      const until = w.withinDays ? new Date(s.at.getTime() + w.withinDays * DAY_MS) : null;
      if (until && until <= now) return [];
      return [{ since: s.at, until, detail: s.batch }];
    });
  }
  return facts.decisions.filter((d) => d.kind === 'raise' && d.colour === w.manual && (!d.until || d.until > now))
    .map((d) => ({ since: d.createdAt, until: d.until, detail: d.reason }));
};

/** A granted appeal sets a rule aside for the facts that existed when it was decided. */
const exempted = (facts: Facts, rule: string, since: Date) =>
  facts.decisions.some((d) => d.kind === 'exempt' && d.ruleId === rule && since <= d.createdAt);

/** Every future instant at which a fact starts or stops counting. */
const boundaries = (ended: readonly number[], screeningDays: readonly number[], checkinDays: readonly number[], facts: Facts): Date[] => {
  return [
    ...facts.measures.flatMap((m) => [dayStart(m.startDate), dayStart(m.endDate, 1), ...ended.map((n) => dayStart(m.endDate, 1 + n))]),
    ...facts.screenings.flatMap((s) => screeningDays.map((n) => new Date(s.at.getTime() + n * DAY_MS))),
    ...facts.checkins.flatMap((c) => (checkinFindings(c).length ? checkinDays.map((n) => dayStart(c.day, n)) : [])),
    ...facts.decisions.flatMap((d) => (d.until ? [d.until] : [])),
    ...facts.zones.map((z) => z.since),
  ];
};

const isEmpty = (f: Facts) => f.measures.length + f.screenings.length + f.zones.length + f.decisions.length + f.checkins.length === 0;

/** An evaluator for one rule set at one moment, for many people: what does not depend on the person is worked out once. */
export const colourEvaluator = (rules: RuleSet, now: Date) => {
  const today = chinaDay(now);
  const ended = rules.rules.flatMap((r) => ('measure' in r.when && r.when.phase !== 'active' ? [r.when.withinDays!] : []));
  const screeningDays = rules.rules.flatMap((r) => ('screening' in r.when && r.when.withinDays ? [r.when.withinDays] : []));
  const checkinDays = rules.rules.flatMap((r) => ('checkin' in r.when ? [r.when.withinDays] : []));
  // The default reason has no start of its own, so an unchanged green compares equal to the stored one.
  const green: Verdict = { colour: 'green', reasons: [{ rule: 'default', colour: 'green', reason: rules.defaultReason, since: '' }], reviewAt: null };
  return (facts: Facts): Verdict => {
    if (isEmpty(facts)) return green;
    const hits: Hit[] = [];
    for (const rule of rules.rules) {
      for (const m of matches(rule, facts, now, today)) {
        if (exempted(facts, rule.id, m.since)) continue;
        hits.push({ rule: rule.id, colour: rule.colour, reason: `${rule.reason}（${m.detail}）`, since: m.since.toISOString() });
      }
    }
    hits.sort((a, b) => colourRank(b.colour) - colourRank(a.colour));
    let next = Infinity;
    for (const t of boundaries(ended, screeningDays, checkinDays, facts)) if (t > now && t.getTime() < next) next = t.getTime();
    const reviewAt = next === Infinity ? null : new Date(next);
    return hits.length ? { colour: hits[0]!.colour, reasons: hits, reviewAt } : { ...green, reviewAt };
  };
};

export const evaluateColour = (rules: RuleSet, facts: Facts, now: Date): Verdict => colourEvaluator(rules, now)(facts);

export type PendingZone = { zone: Facts['zones'][number]; addressIds: readonly number[] };

/**
 * Zones drawn but not yet in the stored codes, per address: the top reason the rules give for those
 * zones alone (none when they give only green). Until a zone's recolouring commits, verify and the code
 * pages raise a stored colour to it: a new zone is a fact later than any appeal, so nothing sets it aside.
 */
export const zoneOverlay = (rules: RuleSet, now: Date, pending: readonly PendingZone[]): Map<number, Hit> => {
  const evaluate = colourEvaluator(rules, now);
  const out = new Map<number, Hit>();
  for (const { zone, addressIds } of pending) {
    const top = evaluate({ ...NO_FACTS, zones: [zone] }).reasons[0]; // zone rules look at one zone each
    if (!top || top.rule === 'default') continue;
    for (const a of addressIds) {
      const had = out.get(a);
      if (!had || colourRank(top.colour) > colourRank(had.colour)) out.set(a, top);
    }
  }
  return out;
};

/** Whether a pending zone's reason raises a stored colour. */
export const raises = (hit: Hit | undefined, stored: Colour): hit is Hit => !!hit && colourRank(hit.colour) > colourRank(stored);
