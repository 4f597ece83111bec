// Deadlines on a working-day calendar: weekends off unless a make-up workday (调休), public holidays
// off, and office hours within a day. Times are computed in China Standard Time (UTC+8, no DST).

export type DayKind = 'holiday' | 'workday';
/** Dates (YYYY-MM-DD) that differ from the weekly rhythm: holidays on weekdays, workdays on weekends. */
export type Calendar = ReadonlyMap<string, DayKind>;
/** Office hours as minutes after midnight: 08:30–12:00 and 13:30–17:30 by default. */
export type OfficeHours = readonly (readonly [start: number, end: number])[];

export const OFFICE_HOURS: OfficeHours = [[8 * 60 + 30, 12 * 60], [13 * 60 + 30, 17 * 60 + 30]];
const CST = 8 * 3_600_000;
const DAY = 86_400_000;
const MIN = 60_000;

export type Allowance = { hours: number } | { days: number };

const dayStart = (t: number) => Math.floor((t + CST) / DAY) * DAY - CST; // CST midnight, as UTC ms
export const cstDate = (t: number) => new Date(t + CST).toISOString().slice(0, 10);

export const isWorkingDay = (calendar: Calendar, t: number): boolean => {
  const kind = calendar.get(cstDate(t));
  if (kind) return kind === 'workday';
  const weekday = new Date(t + CST).getUTCDay();
  return weekday !== 0 && weekday !== 6;
};

/** Working intervals [start, end) of the day containing `t`, in UTC ms (none on a day off). */
const intervalsOf = (calendar: Calendar, t: number, hours: OfficeHours): [number, number][] => {
  if (!isWorkingDay(calendar, t)) return [];
  const d = dayStart(t);
  return hours.map(([a, b]) => [d + a * MIN, d + b * MIN]);
};

/** The moment `allowance` of working time after `start`. Days end at the close of the Nth working day. */
export const addWorkingTime = (calendar: Calendar, start: Date, allowance: Allowance, hours: OfficeHours = OFFICE_HOURS): Date => {
  if ('days' in allowance) {
    let t = start.getTime();
    let left = allowance.days;
    for (let guard = 0; left > 0 && guard < 3660; guard++) {
      t = dayStart(t) + DAY;
      if (isWorkingDay(calendar, t)) left--;
    }
    const close = hours[hours.length - 1]![1];
    return new Date(dayStart(t) + close * MIN);
  }
  let need = allowance.hours * 3_600_000;
  let t = start.getTime();
  for (let guard = 0; guard < 3660; guard++) {
    for (const [a, b] of intervalsOf(calendar, t, hours)) {
      const from = Math.max(a, t);
      if (from >= b) continue;
      if (b - from >= need) return new Date(from + need);
      need -= b - from;
    }
    t = dayStart(t) + DAY;
  }
  throw new Error('working time beyond ten years');
};

/** Working milliseconds between two moments (0 when `to` is before `from`). */
export const workingMsBetween = (calendar: Calendar, from: Date, to: Date, hours: OfficeHours = OFFICE_HOURS): number => {
  let total = 0;
  const end = to.getTime();
  for (let t = from.getTime(), guard = 0; t < end && guard < 3660; t = dayStart(t) + DAY, guard++) {
    for (const [a, b] of intervalsOf(calendar, t, hours)) total += Math.max(0, Math.min(b, end) - Math.max(a, t));
  }
  return total;
};

export type DeadlineColour = 'green' | 'yellow' | 'red';

/** Green until 75% of the step's working time is used, yellow after, red past the deadline. */
export const evaluateDeadlineColour = (calendar: Calendar, stepStart: Date, deadline: Date, now: Date): DeadlineColour => {
  if (now >= deadline) return 'red';
  const allowed = workingMsBetween(calendar, stepStart, deadline);
  const used = workingMsBetween(calendar, stepStart, now);
  return allowed > 0 && used / allowed >= 0.75 ? 'yellow' : 'green';
};
