import { progressText } from './portal-home';

describe('progressText', () => {
  const week = { from: '2026-11-30', to: '2026-12-06', entries: 3, target: 3, expected: 2, ratio: 1 };

  it('says "done for this week" when the API says the week is done, and only then', () => {
    expect(progressText({ ...week, doneForTheWeek: true })).toBe('3 of 3 this week — done for this week');
    // The API's verdict, not a comparison here: entries and target alone do not decide it.
    expect(progressText({ ...week, doneForTheWeek: false })).toBe('3 of 3 this week');
  });
});
