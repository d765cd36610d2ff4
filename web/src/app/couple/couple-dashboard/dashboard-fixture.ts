import { CoupleDashboard, MeasureSeries } from '../../core/api/dashboard-types';

/** A couple with three sessions, two assessments each and two weeks of homework: shared by the specs. */
export function dashboardFixture(overrides: Partial<CoupleDashboard> = {}): CoupleDashboard {
  return {
    coupleId: 'c1',
    displayName: 'Alex & Sam',
    status: 'active',
    today: '2026-11-22',
    partners: [
      { id: 'pa', label: 'partner_a', firstName: 'Alex' },
      { id: 'pb', label: 'partner_b', firstName: 'Sam' },
    ],
    cycle: [
      {
        sessionId: 's1', date: '2026-11-02', attendance: 'both', eftStage: 1, eftStep: 2,
        partners: [{ partnerId: 'pa', position: 'pursue', intensity: 8 }, { partnerId: 'pb', position: 'withdraw', intensity: 7 }],
        meanIntensity: 7.5, episodesSinceLastSession: null, peakIntensity: 9, repairMinutes: null, markers: [], corrected: false,
      },
      {
        sessionId: 's2', date: '2026-11-09', attendance: 'both', eftStage: 1, eftStep: 3,
        partners: [{ partnerId: 'pa', position: 'mixed', intensity: 6 }, { partnerId: 'pb', position: 'not_observed', intensity: 5 }],
        meanIntensity: 5.5, episodesSinceLastSession: 3, peakIntensity: 8, repairMinutes: 20, markers: ['cycleNamedByCouple'], corrected: false,
      },
      {
        sessionId: 's3', date: '2026-11-16', attendance: 'partner_a', eftStage: 1, eftStep: 3,
        partners: [{ partnerId: 'pa', position: 'pursue', intensity: 4 }],
        meanIntensity: 4, episodesSinceLastSession: 1, peakIntensity: 5, repairMinutes: 5, markers: ['repairAttempt', 'blamerSoftening'], corrected: false,
      },
    ],
    cycleTrend: 'falling',
    weeklyAdherence: [
      { weekStart: '2026-11-09', partnerId: 'pa', entries: 3, expected: 3, ratio: 1 },
      { weekStart: '2026-11-09', partnerId: 'pb', entries: 1, expected: 3, ratio: 0.333 },
      { weekStart: '2026-11-16', partnerId: 'pa', entries: 2, expected: 3, ratio: 0.667 },
      { weekStart: '2026-11-16', partnerId: 'pb', entries: 0, expected: 0, ratio: null },
    ],
    attachment: [
      { assessmentId: 'a1', partnerId: 'pa', administeredOn: '2026-10-01', source: 'therapist', avoidance: 2.1, anxiety: 5.8, quadrant: 'preoccupied', reliableMove: false, change: [] },
      { assessmentId: 'b1', partnerId: 'pb', administeredOn: '2026-10-01', source: 'therapist', avoidance: 5.5, anxiety: 2.5, quadrant: 'dismissing', reliableMove: false, change: [] },
      {
        assessmentId: 'a2', partnerId: 'pa', administeredOn: '2026-11-15', source: 'portal', avoidance: 2.0, anxiety: 3.9, quadrant: 'secure', reliableMove: true,
        change: [
          { subscale: 'avoidance', previous: 2.1, current: 2.0, change: -0.1, rci: -0.2, reliable: false, direction: 'none', reading: 'within measurement error', trend: 'steady' },
          { subscale: 'anxiety', previous: 5.8, current: 3.9, change: -1.9, rci: -3.1, reliable: true, direction: 'improved', reading: 'reliable improvement', trend: 'improving' },
        ],
      },
      {
        assessmentId: 'b2', partnerId: 'pb', administeredOn: '2026-11-15', source: 'portal', avoidance: 5.2, anxiety: 2.6, quadrant: 'dismissing', reliableMove: false,
        change: [{ subscale: 'avoidance', previous: 5.5, current: 5.2, change: -0.3, rci: -0.5, reliable: false, direction: 'none', reading: 'within measurement error', trend: 'steady' }],
      },
    ],
    attachmentNote: 'Avoidance and anxiety run 1–7; the quadrant split at 4 is a convention, not a diagnosis.',
    homeworkWindowFrom: '2026-10-26',
    turnBalance: [
      { partnerId: 'pa', needing: 3, supporting: 1, needingShare: 0.75 },
      { partnerId: 'pb', needing: 1, supporting: 3, needingShare: 0.25 },
    ],
    perceptionGaps: [
      { assignmentId: 'h1', occurredOn: '2026-11-12', kind: 'unmatched_need', needingPartnerId: 'pa', supportingPartnerId: null, description: 'Alex logged a need; their partner logged nothing that day.' },
    ],
    stageTimeline: [
      { sessionId: 's1', date: '2026-11-02', eftStage: 1, eftStep: 2 },
      { sessionId: 's2', date: '2026-11-09', eftStage: 1, eftStep: 3 },
      { sessionId: 's3', date: '2026-11-16', eftStage: 2, eftStep: 5 },
    ],
    measures: [],
    ...overrides,
  };
}

/** A CSI-4 series: Alex 12 then 16 (crossing the 13.5 cut-off), Sam 15. */
export function csiSeries(): MeasureSeries {
  return {
    instrument: 'CSI-4', title: 'Couples Satisfaction Index (CSI-4)', subscale: 'total', label: 'Relationship satisfaction',
    lowerIsBetter: false, min: 0, max: 21,
    cutOff: { value: 13.5, clinicalSide: 'below', label: 'Below 13.5: notable relationship dissatisfaction' },
    bands: [], rule: 'none', ruleNote: 'No reliable-change verdict: no sourced reference SD for the CSI is configured, so no change can be called reliable or not. The chart shows the raw scores only.',
    points: [
      { assessmentId: 'a1', partnerId: 'pa', administeredOn: '2026-11-02', source: 'portal', score: 12, band: null, clinical: true, change: null },
      { assessmentId: 'a2', partnerId: 'pb', administeredOn: '2026-11-02', source: 'portal', score: 15, band: null, clinical: false, change: null },
      {
        assessmentId: 'a3', partnerId: 'pa', administeredOn: '2026-11-16', source: 'portal', score: 16, band: null, clinical: false,
        change: { change: 4, method: 'none', verdictAvailable: false, reliable: false, direction: 'none', reading: '', trend: 'unknown' },
      },
    ],
  };
}
