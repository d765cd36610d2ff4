import { Schemas } from '../core/api/api-types';

export type ThreadList = Schemas['ThreadListDto'];
export type Thread = Schemas['ThreadDto'];
export type MessagePage = Schemas['MessagePageDto'];
export type Message = Schemas['MessageDto'];
export type MessageDraft = Schemas['MessageDraftDto'];
export type Inbox = Schemas['InboxDto'];
export type InboxItem = Schemas['InboxItemDto'];
export type StreamEvent = Schemas['MessageStreamEventDto'];

/** The portal's routes, or the therapist's: the same thread routes under two prefixes. */
export type ThreadsApi = '/api/portal/threads' | '/api/threads';

/** A thread's name as its reader sees it. */
export function threadLabel(thread: Pick<Thread, 'kind' | 'partnerName'>, portal: boolean): string {
  if (portal) return thread.kind === 'joint' ? 'All of us' : 'Just me and my therapist';
  return thread.kind === 'joint' ? 'Joint thread' : `${thread.partnerName ?? 'Partner'} (private)`;
}

/**
 * The thread tab that a key moves to, as a tab list does (ArrowLeft/ArrowRight wrap, Home, End), or null for any
 * other key. Shared by the workspace's Messages section and the portal's Messages page.
 */
export function tabAfterKey(key: string, at: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'Home': return 0;
    case 'End': return count - 1;
    case 'ArrowRight': return (at + 1) % count;
    case 'ArrowLeft': return (at - 1 + count) % count;
    default: return null;
  }
}

export type MessageEmailChoice = Schemas['MessageEmailChoiceDto'];
