// Public holidays and make-up workdays (调休) as published by the State Council General Office.
// Only the dates that break the weekly rhythm are listed. 2027 is provisional (statutory days, no
// make-up workdays) until its notice is published: edit it through PUT /api/v1/calendar/2027.
import type { DayKind } from '../../lib/working-time.ts';

type Period = { name: string; off: [string, string]; work?: string[] };

const PERIODS: Record<number, Period[]> = {
  2024: [
    { name: '元旦', off: ['2024-01-01', '2024-01-01'] },
    { name: '春节', off: ['2024-02-10', '2024-02-17'], work: ['2024-02-04', '2024-02-18'] },
    { name: '清明节', off: ['2024-04-04', '2024-04-06'], work: ['2024-04-07'] },
    { name: '劳动节', off: ['2024-05-01', '2024-05-05'], work: ['2024-04-28', '2024-05-11'] },
    { name: '端午节', off: ['2024-06-10', '2024-06-10'] },
    { name: '中秋节', off: ['2024-09-15', '2024-09-17'], work: ['2024-09-14'] },
    { name: '国庆节', off: ['2024-10-01', '2024-10-07'], work: ['2024-09-29', '2024-10-12'] },
  ],
  2025: [
    { name: '元旦', off: ['2025-01-01', '2025-01-01'] },
    { name: '春节', off: ['2025-01-28', '2025-02-04'], work: ['2025-01-26', '2025-02-08'] },
    { name: '清明节', off: ['2025-04-04', '2025-04-06'] },
    { name: '劳动节', off: ['2025-05-01', '2025-05-05'], work: ['2025-04-27'] },
    { name: '端午节', off: ['2025-05-31', '2025-06-02'] },
    { name: '国庆节、中秋节', off: ['2025-10-01', '2025-10-08'], work: ['2025-09-28', '2025-10-11'] },
  ],
  2026: [
    { name: '元旦', off: ['2026-01-01', '2026-01-03'], work: ['2026-01-04'] },
    { name: '春节', off: ['2026-02-15', '2026-02-23'], work: ['2026-02-14', '2026-02-28'] },
    { name: '清明节', off: ['2026-04-04', '2026-04-06'] },
    { name: '劳动节', off: ['2026-05-01', '2026-05-05'], work: ['2026-05-09'] },
    { name: '端午节', off: ['2026-06-19', '2026-06-21'] },
    { name: '中秋节', off: ['2026-09-25', '2026-09-27'] },
    { name: '国庆节', off: ['2026-10-01', '2026-10-07'], work: ['2026-09-20', '2026-10-10'] },
  ],
  2027: [
    { name: '元旦', off: ['2027-01-01', '2027-01-01'] },
    { name: '春节', off: ['2027-02-05', '2027-02-08'] },
    { name: '清明节', off: ['2027-04-05', '2027-04-05'] },
    { name: '劳动节', off: ['2027-05-01', '2027-05-03'] },
    { name: '端午节', off: ['2027-06-09', '2027-06-09'] },
    { name: '中秋节', off: ['2027-09-15', '2027-09-15'] },
    { name: '国庆节', off: ['2027-10-01', '2027-10-07'] },
  ],
};

export type CalendarDay = { date: string; kind: DayKind; name: string };

const datesBetween = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};

/** Every listed day of the built-in years, holidays and make-up workdays. */
export const builtInCalendar = (): CalendarDay[] =>
  Object.values(PERIODS).flatMap((periods) =>
    periods.flatMap((p) => [
      ...datesBetween(...p.off).map((date) => ({ date, kind: 'holiday' as const, name: p.name })),
      ...(p.work ?? []).map((date) => ({ date, kind: 'workday' as const, name: `${p.name}调休上班` })),
    ]),
  );
