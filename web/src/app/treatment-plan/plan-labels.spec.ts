import { csiGoal, ownGoal, planFixture } from './plan-fixture';
import {
  agreementText,
  awaitsConfirmation,
  emptyGoal,
  goalFormValue,
  measureLabel,
  planSummary,
  portalProgressRatio,
  portalProgressText,
  progressText,
  saveBody,
  sparkline,
  valueText,
  withStatus,
} from './plan-labels';

const names = { partner_a: 'Alex', partner_b: 'Sam' };

describe('plan labels', () => {
  it('writes each kind of measure with its target and whose it is', () => {
    expect(measureLabel(csiGoal.measure!, names)).toBe('CSI-4 total ≥ 14 (Sam)');
    expect(measureLabel(ownGoal.measure!, names)).toBe('Cycle intensity over the last 3 sessions ≤ 3');
    expect(measureLabel({ kind: 'stage', instrument: null, subscale: null, partner: 'both', comparison: 'at_least', target: 2 }, names)).toBe('EFT stage ≥ 2');
    expect(measureLabel({ kind: 'homework', instrument: null, subscale: null, partner: 'partner_a', comparison: 'at_least', target: 60 }, names))
      .toBe('Homework adherence ≥ 60 % over 4 weeks (Alex)');
  });

  it('reads progress in the app date rule, and keeps the API reason when there is no evidence yet', () => {
    expect(progressText(csiGoal.progress!)).toBe('Target reached on 1 Dec 2026');
    expect(progressText({ achieved: false, evidenceOn: '2026-12-01', reading: '' })).toBe('Not reached yet (latest evidence 1 Dec 2026)');
    expect(progressText(ownGoal.progress!)).toBe('No evidence yet: the cycle needs 3 sessions with a rating.');
    expect(progressText(ownGoal.progress!)).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('gives each partner their value for a per-partner measure', () => {
    const both = { ...csiGoal.progress!, value: null, partners: [
      { partner: 'partner_a' as const, value: 12.5, achieved: false, trend: null, evidenceOn: '2026-12-01', distance: 1.5 },
      { partner: 'partner_b' as const, value: null, achieved: null, trend: null, evidenceOn: null, distance: null },
    ] };
    expect(valueText(both, 'instrument', names)).toBe('Alex 12.5, Sam —');
    expect(valueText(csiGoal.progress!, 'instrument', names)).toBe('16');
    expect(valueText({ ...csiGoal.progress!, value: 62.5, partners: [] }, 'homework', names)).toBe('62.5 %');
  });

  it('asks the therapist to confirm a reached target only while the goal is active', () => {
    expect(awaitsConfirmation(csiGoal)).toBe(true);
    expect(awaitsConfirmation({ ...csiGoal, status: 'met' })).toBe(false);
    expect(awaitsConfirmation(ownGoal)).toBe(false);
    expect(planSummary(planFixture())).toEqual({ active: 2, met: 0, toConfirm: 1, agreedBy: 'no one yet', agreedEarlier: 'Sam to version 1' });
    expect(planSummary(planFixture({ version: 1 }))).toMatchObject({ agreedBy: 'Sam', agreedEarlier: '' });
    // A partner who agreed to version 1 and again to version 3 counts once, for the newest.
    const base = planFixture({ version: 3 });
    const again = { ...base, agreements: [...base.agreements, { ...base.agreements[0], version: 3 }] };
    expect(planSummary(again)).toMatchObject({ agreedBy: 'Sam', agreedEarlier: '' });
  });

  it('draws one line per partner inside the box, the target as a level', () => {
    const drawing = sparkline(csiGoal.progress!.history, 14, 96, 24);
    expect(drawing.lines).toEqual([{ partner: 'partner_b', points: '2,22 94,2' }]);
    expect(drawing.targetY).toBeCloseTo(8.7, 1);
    expect(sparkline([], 14)).toEqual({ lines: [], targetY: null });
    expect(sparkline([{ on: '2026-12-01', value: 5, partner: null }], 5).lines[0].points).toBe('44,12 48,12');
  });

  it('sends back what the therapist wrote, never the computed progress', () => {
    const body = saveBody(planFixture(), ' Escalation \n\n Distance ', [goalFormValue(csiGoal), { ...emptyGoal(), statement: ' New goal ' }], 4);
    expect(body.version).toBe(2);
    expect(body.problemStatements).toEqual(['Escalation', 'Distance']);
    expect(body.reviewEvery).toBe(4);
    expect(body.goals![0]).toEqual({
      id: 'g1', owner: 'couple', statement: 'Feel satisfied together', targetDate: '2027-03-01', status: 'active',
      interventions: [{ stage: 1, step: 2, text: 'Track the cycle in session' }],
      measure: { kind: 'instrument', instrument: 'CSI-4', subscale: 'total', partner: 'partner_b', comparison: 'at_least', target: 14 },
    });
    expect(body.goals![1]).toEqual({ id: null, owner: 'couple', statement: 'New goal', targetDate: null, status: 'active', interventions: [], measure: null });
    expect(JSON.stringify(body)).not.toContain('progress');
  });

  it('confirms one goal met and leaves the rest as they were', () => {
    const body = withStatus(planFixture(), 'g1', 'met');
    expect(body.goals!.map((g) => [g.id, g.status])).toEqual([['g1', 'met'], ['g2', 'active']]);
    expect(body.goals![1].measure).toEqual({ kind: 'cycle', instrument: null, subscale: null, partner: 'both', comparison: 'at_most', target: 3 });
  });

  it('tells the partner their progress in plain words with a simple share of the way', () => {
    const reached = { value: 16, target: 14, comparison: 'at_least' as const, achieved: true, reading: '', history: csiGoal.progress!.history };
    expect(portalProgressText(reached)).toBe('Your latest is 16; the aim is at least 14. You reached it on 1 Dec 2026.');
    expect(portalProgressRatio(reached)).toBe(1);
    expect(portalProgressRatio({ ...reached, value: 7, achieved: false })).toBe(0.5);
    expect(portalProgressText({ ...reached, value: null, achieved: null, history: [] })).toContain('No answers yet');
    expect(agreementText({ firstName: 'Sam', version: 1, signedAt: '2026-11-02T09:00:00Z' }, 2)).toBe('Sam agreed to version 1 on 2 Nov 2026');
  });
});
