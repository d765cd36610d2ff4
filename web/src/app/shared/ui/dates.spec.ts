import { practiceDate, practiceFormat, usePracticeToday } from '../../core/practice/practice-format';
import { addDays, calendarDay, daysBetween, practiceToday } from './dates';

describe('calendarDay', () => {
  it("is the date on the zone's calendar, not UTC's or the browser's", () => {
    const lateInUtc = new Date('2026-12-07T23:30:00Z');
    expect(calendarDay(lateInUtc, 'Australia/Sydney')).toBe('2026-12-08');
    expect(calendarDay(lateInUtc, 'America/New_York')).toBe('2026-12-07');
    expect(calendarDay(new Date('2026-12-08T03:00:00Z'), 'America/Los_Angeles')).toBe('2026-12-07');
  });

  it('moves calendar days across a month end', () => {
    expect(addDays('2026-11-30', 2)).toBe('2026-12-02');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1);
  });
});

describe('practiceToday', () => {
  const format = practiceFormat();
  afterEach(() => {
    practiceFormat.set(format);
    practiceDate.set(null);
  });

  it("is the API's date, even where the browser's clock disagrees", () => {
    practiceFormat.set({ ...format, timeZone: 'Europe/London' });
    const at = new Date('2026-12-07T10:00:00Z');
    // The API said the 9th (its clock is right; this browser's is two days behind).
    usePracticeToday('2026-12-09', at.getTime());

    expect(practiceToday(at)).toBe('2026-12-09');
    expect(practiceToday(new Date('2026-12-07T23:59:00Z'))).toBe('2026-12-09');
  });

  it('moves on with the practice\'s calendar when a tab stays open past midnight', () => {
    practiceFormat.set({ ...format, timeZone: 'Australia/Sydney' });
    const at = new Date('2026-12-07T12:00:00Z'); // 11 pm in Sydney on the 7th
    usePracticeToday('2026-12-07', at.getTime());

    expect(practiceToday(new Date('2026-12-07T12:30:00Z'))).toBe('2026-12-07');
    expect(practiceToday(new Date('2026-12-07T13:30:00Z'))).toBe('2026-12-08');
  });

  it("is the zone's date before the API has said anything", () => {
    practiceFormat.set({ ...format, timeZone: 'Australia/Sydney' });
    usePracticeToday(null);

    expect(practiceToday(new Date('2026-12-07T23:30:00Z'))).toBe('2026-12-08');
  });
});
