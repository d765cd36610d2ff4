import { Couple } from '../../core/api/api-types';

/** A couple as the workspace's specs read it: Alex (no portal account) and Sam (portal active). */
export const couple: Couple = {
  id: 'c1',
  displayName: 'Alex & Sam',
  status: 'active',
  startedOn: '2026-10-01',
  closedOn: null,
  presentingConcerns: 'Arguments about chores',
  goals: 'Name the cycle',
  version: 3,
  partners: [
    { id: 'pa', label: 'partner_a', firstName: 'Alex', lastName: 'Reed', pronouns: 'he/him', email: 'a@x.y', portalStatus: 'none', version: 1, pendingEmail: null },
    { id: 'pb', label: 'partner_b', firstName: 'Sam', lastName: 'Reed', pronouns: 'she/her', email: 's@x.y', portalStatus: 'active', version: 5, pendingEmail: null },
  ],
};
