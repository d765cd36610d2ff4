import { addDays, practiceToday } from './dates';

describe('practiceToday', () => {
  it('is the date on the practice\'s calendar, not UTC\'s or the browser\'s', () => {
    const lateInUtc = new Date('2026-12-07T23:30:00Z');
    expect(practiceToday(lateInUtc, 'Australia/Sydney')).toBe('2026-12-08');
    expect(practiceToday(lateInUtc, 'America/New_York')).toBe('2026-12-07');
    expect(practiceToday(new Date('2026-12-08T03:00:00Z'), 'America/Los_Angeles')).toBe('2026-12-07');
  });

  it('moves calendar days across a month end', () => {
    expect(addDays('2026-11-30', 2)).toBe('2026-12-02');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
