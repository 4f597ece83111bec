// Dates in Asia/Shanghai and numbers for the reader's locale, whatever the browser's own zone.
import { getLocale } from '../i18n/i18n.ts';

const ZONE = 'Asia/Shanghai';
const formatters = new Map<string, Intl.DateTimeFormat>();
const dateFormat = (opts: Intl.DateTimeFormatOptions) => {
  const key = getLocale() + JSON.stringify(opts);
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(getLocale(), { timeZone: ZONE, hour12: false, ...opts })));
  return f;
};

export const formatDateTime = (iso: string | null | undefined) =>
  iso ? dateFormat({ year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(iso)) : '—';
export const formatDate = (iso: string | null | undefined) => (iso ? dateFormat({ year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso)) : '—');
export const formatNumber = (n: number | null | undefined) => (n === null || n === undefined ? '—' : new Intl.NumberFormat(getLocale()).format(n));
export const formatPercent = (r: number | null | undefined) =>
  r === null || r === undefined ? '—' : new Intl.NumberFormat(getLocale(), { style: 'percent', maximumFractionDigits: 1 }).format(r);

/** The day (YYYY-MM-DD) in Shanghai that an instant falls on. */
export const shanghaiDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
