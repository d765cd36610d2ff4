import { Session } from '../core/api/api-types';

// The couple is the workspace's: one Alex and Sam across the specs.
export { couple } from '../couple/workspace/workspace-fixture';

/** An unsigned session, as GET /api/sessions/{id} returns it. */
export const session: Session = {
  id: 's1',
  coupleId: 'c1',
  version: 4,
  signedAt: null,
  signedByName: null,
  amendments: [],
  cycleCorrectedAt: null,
  appointmentId: null,
  coSignature: null,
  discussInSupervision: false,
  tangoMoves: [],
  excerptCandidates: [],
  date: '2026-11-09',
  startTime: '17:00',
  durationMinutes: 50,
  format: 'video',
  attendance: 'both',
  eftStage: 2,
  eftStep: 6,
  note: 'Original',
  cycle: {
    partners: [
      { partnerId: 'pa', position: 'pursue', intensity: 7 },
      { partnerId: 'pb', position: 'withdraw', intensity: 6 },
    ],
    episodesSinceLastSession: 3,
    peakIntensity: 8,
    repairMinutes: 120,
    triggers: ['chores'],
    markers: ['repairAttempt'],
  },
};
