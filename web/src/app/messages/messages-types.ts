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
