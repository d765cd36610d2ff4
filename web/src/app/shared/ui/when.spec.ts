import { formatWhen, WhenPipe } from './when';
import { practiceFormat, usePracticeTimeZone, usePracticeToday } from '../../core/practice/practice-format';

const london = { locale: 'en-GB', timeZone: 'Europe/London' };
const sydney = { locale: 'en-GB', timeZone: 'Australia/Sydney' };
const now = new Date('2026-12-07T10:00:00Z');

describe('formatWhen: one way to write a date', () => {
  it('writes a calendar day as day, short month and year, never shifted by a zone', () => {
    expect(formatWhen('2026-12-07', 'date', now, london)).toBe('7 Dec 2026');
    expect(formatWhen('2026-12-07', 'date', now, { locale: 'en-GB', timeZone: 'Pacific/Honolulu' })).toBe('7 Dec 2026');
    expect(formatWhen('2026-12-07', undefined, now, london)).toBe('7 Dec 2026');
  });

  it('writes a date with its weekday, and a time without seconds', () => {
    expect(formatWhen('2026-12-07', 'weekday', now, london)).toMatch(/^Mon,? 7 Dec 2026$/);
    expect(formatWhen('17:00:00', 'time', now, london)).toBe('17:00');
    expect(formatWhen('09:05', 'time', now, london)).toBe('09:05');
  });

  it('reads an instant in the practice zone, and a wall-clock time as it is', () => {
    expect(formatWhen('2026-12-07T23:30:00Z', 'dateTime', now, london)).toBe('7 Dec 2026, 23:30');
    expect(formatWhen('2026-12-07T23:30:00Z', 'dateTime', now, sydney)).toBe('8 Dec 2026, 10:30');
    expect(formatWhen('2026-12-07T23:30:00+00:00', 'time', now, sydney)).toBe('10:30');
    expect(formatWhen('2026-11-09T17:00:00', 'weekdayTime', now, sydney)).toMatch(/^Mon,? 9 Nov 2026, 17:00$/);
  });

  it('says how far off a day is, counted in the practice zone', () => {
    expect(formatWhen('2026-12-07', 'relative', now, london)).toBe('today');
    expect(formatWhen('2026-12-08', 'relative', now, london)).toBe('tomorrow');
    expect(formatWhen('2026-12-10', 'relative', now, london)).toBe('in 3 days');
    expect(formatWhen('2026-12-05', 'relative', now, london)).toBe('2 days ago');
    expect(formatWhen('2027-01-04', 'relative', now, london)).toBe('in 4 weeks');
    // In Sydney it is 21:00 on the 7th, and 23:30 UTC on the 8th is 10:30 on the 9th there.
    expect(formatWhen('2026-12-08T23:30:00Z', 'relative', now, sydney)).toBe('in 2 days');
  });

  it("counts from the practice's today as the API said it, once a session has", () => {
    usePracticeToday('2026-12-09', now.getTime());
    try {
      expect(formatWhen('2026-12-09', 'relative', now, london)).toBe('today');
      expect(formatWhen('2026-12-07', 'relative', now, london)).toBe('2 days ago');
    } finally {
      usePracticeToday(null);
    }
  });

  it('writes nothing for nothing or for text that is not a date', () => {
    expect(formatWhen(null, 'date', now, london)).toBe('');
    expect(formatWhen(undefined, 'date', now, london)).toBe('');
    expect(formatWhen('soon', 'date', now, london)).toBe('');
  });

  it('never writes US order, slashes, ISO days, seconds or AM/PM', () => {
    const samples = ['2026-01-02', '2026-12-07T09:05:33Z', '2026-03-29T01:30:00', '13:45:59'];
    for (const sample of samples) {
      for (const style of ['date', 'weekday', 'time', 'dateTime', 'weekdayTime', 'short'] as const) {
        const text = formatWhen(sample, style, now, london);
        expect(text).not.toMatch(/\d+\/\d+|\d{4}-\d{2}-\d{2}|\d:\d{2}:\d{2}|AM|PM|[A-Z][a-z]{2} \d{1,2}, \d{4}/);
      }
    }
  });
});

describe('WhenPipe', () => {
  afterEach(() => usePracticeTimeZone(undefined));

  it('writes again when the practice zone arrives after the view was drawn', () => {
    const pipe = new WhenPipe();
    usePracticeTimeZone('Europe/London');
    expect(pipe.transform('2026-12-07T23:30:00Z', 'time')).toBe('23:30');
    usePracticeTimeZone('Australia/Sydney');
    expect(practiceFormat().timeZone).toBe('Australia/Sydney');
    expect(pipe.transform('2026-12-07T23:30:00Z', 'time')).toBe('10:30');
  });

  it('keeps the browser zone when the practice names a zone it does not know', () => {
    usePracticeTimeZone('Mars/Olympus_Mons');
    expect(practiceFormat().timeZone).toBeUndefined();
  });
});
