import { practiceFormat } from '../../core/practice/practice-format';

/**
 * Today as `YYYY-MM-DD` on the practice's calendar — in the practice's time zone (the browser's own until the
 * session names it), as the API counts its days. The one "today" of the whole app: form defaults, the calendar's
 * today mark, the supervision log's meeting day.
 */
export function practiceToday(now = new Date(), timeZone = practiceFormat().timeZone): string {
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(now);
}

/** "2026-11-09" plus n days, in calendar arithmetic (no time zone involved). */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
