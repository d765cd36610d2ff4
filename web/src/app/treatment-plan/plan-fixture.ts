import { PlanGoal, TreatmentPlan } from '../core/api/plan-types';

/** A CSI-4 goal whose target Sam has reached and Alex has not answered yet: achieved waits for both. */
export const csiGoal: PlanGoal = {
  id: 'g1',
  owner: 'couple',
  statement: 'Feel satisfied together',
  targetDate: '2027-03-01',
  interventions: [{ stage: 1, step: 2, text: 'Track the cycle in session' }],
  status: 'active',
  statusChangedAt: '2026-11-01T10:00:00Z',
  statusChangedByName: 'Ada Moss',
  measure: { kind: 'instrument', instrument: 'CSI-4', subscale: 'total', partner: 'partner_b', comparison: 'at_least', target: 14 },
  progress: {
    value: 16, target: 14, comparison: 'at_least', achieved: true, trend: 'improving', evidenceOn: '2026-12-01', distance: 0,
    partners: [{ partner: 'partner_b', value: 16, achieved: true, trend: 'improving', evidenceOn: '2026-12-01', distance: 0 }],
    history: [
      { on: '2026-11-01', value: 10, partner: 'partner_b' },
      { on: '2026-12-01', value: 16, partner: 'partner_b' },
    ],
    reading: 'Target reached on 1 Dec 2026.',
  },
};

export const ownGoal: PlanGoal = {
  id: 'g2',
  owner: 'partner_a',
  statement: 'Ask for comfort directly',
  targetDate: null,
  interventions: [],
  status: 'active',
  statusChangedAt: '2026-11-01T10:00:00Z',
  statusChangedByName: 'Ada Moss',
  measure: { kind: 'cycle', instrument: null, subscale: null, partner: 'both', comparison: 'at_most', target: 3 },
  progress: {
    value: null, target: 3, comparison: 'at_most', achieved: null, trend: null, evidenceOn: null, distance: null, partners: [], history: [],
    reading: 'No evidence yet: the cycle needs 3 sessions with a rating.',
  },
};

export function planFixture(overrides: Partial<TreatmentPlan> = {}): TreatmentPlan {
  return {
    coupleId: 'c1', version: 2, savedAt: '2026-11-01T10:00:00Z', savedByName: 'Ada Moss', problemStatements: ['Escalation about chores'],
    goals: [csiGoal, ownGoal], reviewEvery: 6, reviewDueOn: '2026-12-13', reviewDue: false, lastReviewedOn: null,
    agreements: [{ partnerId: 'pb', partner: 'partner_b', firstName: 'Sam', version: 1, signedAt: '2026-11-02T09:00:00Z', typedName: 'Sam Reed' }],
    ...overrides,
  };
}
