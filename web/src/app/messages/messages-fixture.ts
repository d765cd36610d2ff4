import { Message, ThreadList } from './messages-types';

export const threadList = (over: Partial<ThreadList> = {}): ThreadList => ({
  coupleId: 'c1', coupleName: 'Alex & Sam', messagingEnabled: true, coupleClosed: false,
  notice: 'Messages are read on weekdays. Not for emergencies.',
  crisisResources: { markdown: 'Call 999', html: '<p>Call 999</p>' },
  items: [
    { id: 'joint', coupleId: 'c1', kind: 'joint', partnerId: null, partnerName: null, unreadCount: 1, lastMessageAt: null, lastSeq: 2, readUpTo: 0, safetyFlagOpen: null },
    { id: 'mine', coupleId: 'c1', kind: 'private', partnerId: 'p1', partnerName: 'Alex', unreadCount: 0, lastMessageAt: null, lastSeq: 0, readUpTo: 0, safetyFlagOpen: null },
  ],
  ...over,
});

export const message = (seq: number, body: string, mine = false, threadId = 'joint'): Message => ({
  id: `m${seq}`, seq, threadId, coupleId: 'c1', authorRole: mine ? 'partner' : 'therapist', authorPartnerId: null,
  authorName: mine ? 'Alex' : 'Robin Hale', mine, body, createdAt: '2026-12-07T10:00:00Z',
});

export const page = (threadId: string, items: Message[], nextBefore: number | null = null) => ({
  threadId, items, nextBefore, nextAfter: null, readMarkers: [],
});
