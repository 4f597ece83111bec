// China keeps one time zone, UTC+8, with no daylight saving: days and clock times as people there read them.
const CST_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

// The day last asked for: a checkpoint asks for the same day thousands of times a second, and
// formatting a date is most of the cost.
let lastDay = { from: 0, to: 0, day: '' };

/** The China calendar day of an instant, 'YYYY-MM-DD'. */
export const chinaDay = (t: Date): string => {
  const ms = t.getTime();
  if (ms >= lastDay.from && ms < lastDay.to) return lastDay.day;
  const start = Math.floor((ms + CST_MS) / DAY_MS) * DAY_MS; // midnight in China, on a UTC+8 clock
  lastDay = { from: start - CST_MS, to: start - CST_MS + DAY_MS, day: new Date(start).toISOString().slice(0, 10) };
  return lastDay.day;
};

/** The China clock time of an instant to the minute, 'YYYY-MM-DD HH:MM'. */
export const chinaMinute = (t: Date): string => new Date(t.getTime() + CST_MS).toISOString().slice(0, 16).replace('T', ' ');
