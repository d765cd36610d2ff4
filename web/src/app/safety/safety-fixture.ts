import { RiskRecord } from '../core/api/safety-types';

/** A stored risk record for Sam, as the safety specs read it. */
export const riskRecord = (overrides: Partial<RiskRecord> = {}): RiskRecord => ({
  partnerId: 'pb',
  partnerLabel: 'partner_b',
  recorded: true,
  violence: 'situational',
  substanceMisuse: false,
  selfHarmRisk: 'none',
  jointSessionsPaused: false,
  planNotes: 'Check in weekly.',
  updatedAt: '2026-11-10T10:00:00Z',
  updatedBy: 't1',
  revision: 2,
  version: 41,
  history: [],
  ...overrides,
});
