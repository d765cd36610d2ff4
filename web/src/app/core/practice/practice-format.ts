import { signal } from '@angular/core';

/**
 * The practice's locale and time zone: the one place every date and time on every screen takes them
 * from (see `shared/ui/when.ts`). The locale is the practice's (British English day–month–year, a
 * 24-hour clock); the time zone arrives with the session (`practice.timeZone` in the sign-in answer,
 * from the practice's settings), and until then instants are shown in the browser's own zone.
 */
export interface PracticeFormat {
  readonly locale: string;
  /** An IANA zone ("Europe/London"); undefined: the browser's own. */
  readonly timeZone: string | undefined;
}

export const PRACTICE_LOCALE = 'en-GB';

export const practiceFormat = signal<PracticeFormat>({ locale: PRACTICE_LOCALE, timeZone: undefined });

/** Called with what the API says about the practice; an unknown zone keeps the browser's. */
export function usePracticeTimeZone(timeZone: string | null | undefined): void {
  const zone = timeZone && isKnownZone(timeZone) ? timeZone : undefined;
  if (zone !== practiceFormat().timeZone) practiceFormat.set({ ...practiceFormat(), timeZone: zone });
}

/** The practice's date as the API last said it (`practiceToday` in the sign-in and refresh answers), and when. */
export interface PracticeDate {
  readonly today: string;
  /** The browser's clock when the API said so (ms since the epoch). */
  readonly at: number;
}

export const practiceDate = signal<PracticeDate | null>(null);

/** Called with the API's `practiceToday` on every sign-in and refresh: the app's one "today" comes from it. */
export function usePracticeToday(today: string | null | undefined, at = Date.now()): void {
  practiceDate.set(today && /^\d{4}-\d{2}-\d{2}$/.test(today) ? { today, at } : null);
}

function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The instant a calendar day (`YYYY-MM-DD`) starts in a time zone (undefined: the browser's own) — what a
 * date picker's "from" and, for the day after, "to" mean to the practice. The zone's offset at that
 * moment is read back through Intl (a day that starts inside a clock change lands on its first valid
 * minute). Temporal's `PlainDate.toZonedDateTime` replaces this once browsers ship it.
 */
export function startOfDay(day: string, timeZone: string | undefined): Date {
  const [y, m, d] = day.split('-').map(Number);
  const utcGuess = Date.UTC(y, m - 1, d);
  if (!timeZone) return new Date(y, m - 1, d);
  const first = utcGuess - zoneOffsetMs(utcGuess, timeZone);
  return new Date(utcGuess - zoneOffsetMs(first, timeZone));
}

/** The day after a `YYYY-MM-DD` day, as `YYYY-MM-DD`. */
export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** How far ahead of UTC a zone's wall clock is at an instant, in milliseconds. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(instant));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}
