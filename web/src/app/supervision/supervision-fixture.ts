import { Session } from '../core/api/api-types';
import { Conceptualisation, ConceptualisationSections, SupervisedCouple, SupervisionLog, SupervisionQueueItem } from '../core/api/supervision-api';
import { couple, session } from '../sessions/session-fixture';

export const supervisedCouple: SupervisedCouple = {
  coupleId: couple.id, displayName: couple.displayName, status: 'active', superviseeId: 't1', superviseeName: 'Tom Trainee', linkId: 'l1', trainee: true,
};

export const awaiting: Session = {
  ...session,
  signedAt: '2026-11-09T18:00:00Z',
  signedByName: 'Tom Trainee',
  coSignature: { status: 'awaiting', by: null, byId: null, at: null },
  version: 7,
};

export const queueItem: SupervisionQueueItem = {
  sessionId: awaiting.id, coupleId: couple.id, coupleDisplayName: couple.displayName, superviseeId: 't1', superviseeName: 'Tom Trainee',
  linkId: 'l1', date: '2026-11-09', startTime: '17:00', eftStage: 1, eftStep: 2, signedAt: awaiting.signedAt, awaitingCosignature: true,
  discussInSupervision: false, comments: 1,
};

export const sections: ConceptualisationSections = {
  presentingConcerns: 'Escalation about chores.', attachment: 'Alex: preoccupied.', cycle: 'Alex chases; Sam shuts down.', progress: 'Stage 1.',
  changeEvents: 'None yet.', tangoMoves: 'Mirroring present process: 2 sessions.', measures: 'None.', goals: '- Calmer arguments. [active]', formulation: '',
};

export const conceptualisation = (over: Partial<Conceptualisation> = {}): Conceptualisation => ({
  coupleId: couple.id, version: 0, draft: true, savedAt: null, savedByName: null, sections,
  record: {
    presentingConcerns: 'Escalation about chores.', partners: [], cycle: null, progress: [], changeEvents: [], tangoMoves: [], excerptCandidates: 0,
    measures: [], goals: [], drafted: { ...sections, cycle: 'From the record: Alex chases.' },
  },
  ...over,
});

export const log: SupervisionLog = {
  meetings: [
    { id: 'm1', metOn: '2026-11-20', durationMinutes: 90, format: 'group', couples: [{ coupleId: couple.id, initials: 'AS', displayName: 'Alex & Sam' }], notes: 'Pace.', createdAt: '2026-11-20T10:00:00Z' },
    { id: 'm2', metOn: '2026-10-02', durationMinutes: 60, format: 'individual', couples: [], notes: '', createdAt: '2026-10-02T10:00:00Z' },
  ],
  byMonth: [
    { month: '2026-10', meetings: 1, minutes: 60, hours: 1, individualMinutes: 60, groupMinutes: 0 },
    { month: '2026-11', meetings: 1, minutes: 90, hours: 1.5, individualMinutes: 0, groupMinutes: 90 },
  ],
  total: { since: null, until: null, meetings: 2, minutes: 150, hours: 2.5, individualMinutes: 60, groupMinutes: 90 },
};

export { couple };
