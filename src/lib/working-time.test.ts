import { describe, expect, it } from 'vitest';
import { builtInCalendar } from '../modules/calendar/holidays-cn.ts';
import { addWorkingTime, evaluateDeadlineColour, isWorkingDay, workingMsBetween, type Calendar } from './working-time.ts';

const calendar: Calendar = new Map(builtInCalendar().map((d) => [d.date, d.kind]));
const cst = (s: string) => new Date(`${s}+08:00`);
const iso = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('working days', () => {
  it.each([
    ['2025-01-26T10:00', true], // Sunday, make-up workday before 春节
    ['2025-01-29T10:00', false], // 春节
    ['2026-01-04T10:00', true], // Sunday, make-up workday after 元旦
    ['2026-01-02T10:00', false], // Friday inside 元旦
    ['2026-02-28T10:00', true], // Saturday, 调休
    ['2026-11-23T10:00', true], // an ordinary Monday
    ['2026-11-22T10:00', false], // an ordinary Sunday
  ])('%s is a working day: %s', (t, expected) => expect(isWorkingDay(calendar, cst(t).getTime())).toBe(expected));
});

describe('addWorkingTime', () => {
  it('carries hours over lunch and the night', () => {
    expect(iso(addWorkingTime(calendar, cst('2026-11-23T11:00'), { hours: 2 }))).toBe('2026-11-23 14:30');
    expect(iso(addWorkingTime(calendar, cst('2026-11-23T17:00'), { hours: 1 }))).toBe('2026-11-24 09:00');
  });
  it('starts counting at opening time when reported at night', () => {
    expect(iso(addWorkingTime(calendar, cst('2026-11-23T22:00'), { hours: 2 }))).toBe('2026-11-24 10:30');
  });
  it('skips New Year across the year boundary', () => {
    expect(iso(addWorkingTime(calendar, cst('2025-12-31T16:00'), { hours: 4 }))).toBe('2026-01-04 11:00'); // 1.5 h on 31 Dec; 1–3 Jan off; 2.5 h on the 4 Jan make-up day
    expect(iso(addWorkingTime(calendar, cst('2024-12-31T10:00'), { days: 1 }))).toBe('2025-01-02 17:30');
  });
  it('skips the Spring Festival and counts its make-up Saturday', () => {
    expect(iso(addWorkingTime(calendar, cst('2026-02-13T10:00'), { days: 1 }))).toBe('2026-02-14 17:30'); // Saturday 调休
    expect(iso(addWorkingTime(calendar, cst('2026-02-14T10:00'), { days: 1 }))).toBe('2026-02-24 17:30');
  });
  it('gives 3 working days over a weekend', () => {
    expect(iso(addWorkingTime(calendar, cst('2026-11-20T15:00'), { days: 3 }))).toBe('2026-11-25 17:30');
  });
});

describe('evaluateDeadlineColour', () => {
  const start = cst('2026-11-23T09:00');
  const deadline = addWorkingTime(calendar, start, { hours: 4 }); // 14:30, with lunch inside
  it('is green, then yellow at 75% of working time, then red', () => {
    expect(evaluateDeadlineColour(calendar, start, deadline, cst('2026-11-23T11:00'))).toBe('green');
    expect(evaluateDeadlineColour(calendar, start, deadline, cst('2026-11-23T13:30'))).toBe('yellow'); // 3h of 4h used
    expect(evaluateDeadlineColour(calendar, start, deadline, cst('2026-11-23T14:30'))).toBe('red');
  });
  it('does not count the lunch break', () => {
    expect(workingMsBetween(calendar, cst('2026-11-23T11:00'), cst('2026-11-23T14:00')) / 3_600_000).toBe(1.5);
  });
});
