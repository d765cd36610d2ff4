import { nextDay, startOfDay } from './practice-format';

describe('startOfDay', () => {
  it('is local midnight in the zone, in winter and in summer', () => {
    expect(startOfDay('2026-12-07', 'Europe/London').toISOString()).toBe('2026-12-07T00:00:00.000Z');
    expect(startOfDay('2026-07-01', 'Europe/London').toISOString()).toBe('2026-06-30T23:00:00.000Z');
    expect(startOfDay('2026-12-07', 'America/New_York').toISOString()).toBe('2026-12-07T05:00:00.000Z');
    expect(startOfDay('2026-12-07', 'Asia/Kolkata').toISOString()).toBe('2026-12-06T18:30:00.000Z');
  });

  it('holds across the clock changes on either side of the day', () => {
    // London springs forward at 01:00 UTC on 29 March 2026 and falls back at 01:00 UTC on 25 October.
    expect(startOfDay('2026-03-29', 'Europe/London').toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(startOfDay('2026-03-30', 'Europe/London').toISOString()).toBe('2026-03-29T23:00:00.000Z');
    expect(startOfDay('2026-10-25', 'Europe/London').toISOString()).toBe('2026-10-24T23:00:00.000Z');
    expect(startOfDay('2026-10-26', 'Europe/London').toISOString()).toBe('2026-10-26T00:00:00.000Z');
  });
});

describe('nextDay', () => {
  it('crosses month and year ends', () => {
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
  });
});
