// China keeps one time zone, UTC+8, with no daylight saving: days and clock times as people there read them.
const CST_MS = 8 * 3_600_000;

/** The China calendar day of an instant, 'YYYY-MM-DD'. */
export const chinaDay = (t: Date): string => new Date(t.getTime() + CST_MS).toISOString().slice(0, 10);

/** The China clock time of an instant to the minute, 'YYYY-MM-DD HH:MM'. */
export const chinaMinute = (t: Date): string => new Date(t.getTime() + CST_MS).toISOString().slice(0, 16).replace('T', ' ');
