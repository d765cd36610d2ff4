import { practiceDate, practiceFormat } from '../../core/practice/practice-format';

/**
 * Today as `YYYY-MM-DD` on the practice's calendar: the date the API said it was (`practiceToday`, sent with every
 * sign-in and refresh), moved on by the days the practice's calendar has turned since (a tab left open overnight).
 * The one "today" of the whole app: form defaults, the calendar's today mark, the supervision log's meeting day.
 * Before any session (nothing said yet) it is the date in the practice's zone.
 */
export function practiceToday(now = new Date()): string {
  const zone = practiceFormat().timeZone;
  const said = practiceDate();
  if (!said) return calendarDay(now, zone);
  return addDays(said.today, daysBetween(calendarDay(new Date(said.at), zone), calendarDay(now, zone)));
}

/** The date an instant falls on in a time zone (undefined: the browser's own), as `YYYY-MM-DD`. */
export function calendarDay(at: Date, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(at);
}

/** "2026-11-09" plus n days, in calendar arithmetic (no time zone involved): the app's one date arithmetic. */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole calendar days from one `YYYY-MM-DD` to another. */
export function daysBetween(from: string, to: string): number {
  const utc = (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}
