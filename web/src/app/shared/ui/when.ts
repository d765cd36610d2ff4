import { Pipe, PipeTransform } from '@angular/core';
import { practiceDate, practiceFormat, PracticeFormat } from '../../core/practice/practice-format';
import { calendarDay, practiceToday } from './dates';

/**
 * The one way the app writes a date or a time, in the practice's locale and zone
 * (`core/practice/practice-format.ts`). In en-GB:
 *
 * | style         | example                    | for                                                     |
 * |---------------|----------------------------|---------------------------------------------------------|
 * | `date`        | 7 Dec 2026                 | any day (the default)                                   |
 * | `weekday`     | Mon, 7 Dec 2026            | a day someone plans around (a session, an appointment)  |
 * | `time`        | 09:00                      | a time of day, never with seconds                       |
 * | `dateTime`    | 7 Dec 2026, 09:00          | when something happened or is due                       |
 * | `weekdayTime` | Mon, 7 Dec 2026, 09:00     | an appointment                                          |
 * | `short`       | 7 Dec                      | chart axes and week grids, where the year stands nearby |
 * | `weekdayShort`| Mon 7 Dec                  | a week grid's days                                      |
 * | `relative`    | today, in 3 days, 2 days ago | how far off a day is                                  |
 *
 * The API sends three shapes and each means something different: `2026-12-07` is a calendar day (never
 * shifted by a zone), `2026-12-07T09:00:00` a wall-clock time in the practice's zone (appointments), and
 * `2026-12-07T09:00:00Z` or `…+01:00` an instant (shown in the practice's zone). `17:00:00` is a time of day.
 */
export type WhenStyle = 'date' | 'weekday' | 'time' | 'dateTime' | 'weekdayTime' | 'short' | 'weekdayShort' | 'relative';

type Value = string | Date | null | undefined;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;
const TIME_ONLY = /^(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/;

const OPTIONS: Record<Exclude<WhenStyle, 'relative' | 'dateTime' | 'weekdayTime'>, Intl.DateTimeFormatOptions> = {
  date: { day: 'numeric', month: 'short', year: 'numeric' },
  weekday: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' },
  time: { hour: '2-digit', minute: '2-digit' },
  short: { day: 'numeric', month: 'short' },
  weekdayShort: { weekday: 'short', day: 'numeric', month: 'short' },
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(style: keyof typeof OPTIONS, locale: string, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${style}|${locale}|${timeZone ?? ''}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...OPTIONS[style], timeZone });
    formatters.set(key, f);
  }
  return f;
}

/** What a value is, as a moment and the zone to read it in (UTC for days and wall-clock times, which carry no zone). */
function read(value: string | Date, practice: PracticeFormat): { at: Date; zone: string | undefined } | null {
  if (value instanceof Date) return isNaN(value.getTime()) ? null : { at: value, zone: practice.timeZone };
  const text = value.trim();
  let m = DATE_ONLY.exec(text);
  if (m) return { at: new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])), zone: 'UTC' };
  m = WALL_CLOCK.exec(text);
  if (m) return { at: new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0))), zone: 'UTC' };
  m = TIME_ONLY.exec(text);
  if (m) return { at: new Date(Date.UTC(2000, 0, 1, +m[1], +m[2])), zone: 'UTC' };
  const at = new Date(text);
  return isNaN(at.getTime()) ? null : { at, zone: practice.timeZone };
}

/** The calendar day of `at` in `zone`, as days since 1970 (for "in 3 days"). */
function dayNumber(at: Date, zone: string | undefined): number {
  const parts = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: zone }).format(at);
  const [y, mo, d] = parts.split('-').map(Number);
  return Date.UTC(y, mo - 1, d) / 86_400_000;
}

function relative(at: Date, zone: string | undefined, practice: PracticeFormat, now: Date): string {
  // Counted from the app's one today (the API's `practiceToday`) once a session has named it.
  const [y, mo, d] = (practiceDate() ? practiceToday(now) : calendarDay(now, practice.timeZone)).split('-').map(Number);
  const days = dayNumber(at, zone) - Date.UTC(y, mo - 1, d) / 86_400_000;
  const words = new Intl.RelativeTimeFormat(practice.locale, { numeric: 'auto' });
  const size = Math.abs(days);
  if (size < 14) return words.format(days, 'day');
  if (size < 8 * 7) return words.format(Math.trunc(days / 7), 'week');
  return words.format(Math.trunc(days / 30), 'month');
}

/**
 * Writes a date or time the one way (see the table above); '' for nothing or for text that is not a
 * date. `now` is for `relative` (tests pass their own).
 */
export function formatWhen(value: Value, style: WhenStyle = 'date', now: Date = new Date(), practice = practiceFormat()): string {
  if (value === null || value === undefined || value === '') return '';
  const read_ = read(value, practice);
  if (!read_) return '';
  const { at, zone } = read_;
  const { locale } = practice;
  switch (style) {
    case 'relative':
      return relative(at, zone, practice, now);
    case 'dateTime':
      return `${formatter('date', locale, zone).format(at)}, ${formatter('time', locale, zone).format(at)}`;
    case 'weekdayTime':
      return `${formatter('weekday', locale, zone).format(at)}, ${formatter('time', locale, zone).format(at)}`;
    default:
      return formatter(style, locale, zone).format(at);
  }
}

/**
 * `{{ session.date | when }}`, `{{ event.occurredAt | when: 'dateTime' }}`: see {@link formatWhen}.
 * Not pure, so a view drawn before the practice's zone arrived is rewritten when it does; each use
 * remembers its last answer, so a check costs three comparisons (and `relative` one format a day).
 */
@Pipe({ name: 'when', pure: false })
export class WhenPipe implements PipeTransform {
  private last: { value: Value; style: WhenStyle; practice: PracticeFormat; day: number; text: string } | null = null;

  transform(value: Value, style: WhenStyle = 'date'): string {
    const practice = practiceFormat();
    const day = style === 'relative' ? Math.floor(Date.now() / 3_600_000) : 0; // "today" is looked at again each hour
    const last = this.last;
    if (last && last.value === value && last.style === style && last.practice === practice && last.day === day) return last.text;
    const text = formatWhen(value, style, new Date(), practice);
    this.last = { value, style, practice, day, text };
    return text;
  }
}
