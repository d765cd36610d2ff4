import { HttpClient, HttpHeaders } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import {
  Assignment,
  AssignHomeworkRequest,
  LogEntryRequest,
  PortalEntry,
  ReviseEntryRequest,
  UpdateHomeworkRequest,
} from './homework-types';

const id = encodeURIComponent;

/** Homework writes, therapist and portal; reads go through httpResource in the components. */
@Injectable({ providedIn: 'root' })
export class HomeworkApi {
  private readonly http = inject(HttpClient);

  assign(coupleId: string, body: AssignHomeworkRequest): Observable<Assignment> {
    return this.http.post<Assignment>(`/api/couples/${id(coupleId)}/homework`, body);
  }

  update(homeworkId: string, body: UpdateHomeworkRequest): Observable<Assignment> {
    return this.http.patch<Assignment>(`/api/homework/${id(homeworkId)}`, body);
  }

  /** The key makes a retried post return the first result; reuse it for every retry of one submission. */
  logEntry(assignmentId: string, body: LogEntryRequest, idempotencyKey: string): Observable<PortalEntry> {
    return this.http.post<PortalEntry>(`/api/portal/homework/${id(assignmentId)}/entries`, body, {
      headers: new HttpHeaders({ 'Idempotency-Key': idempotencyKey }),
    });
  }

  reviseEntry(entryId: string, body: ReviseEntryRequest): Observable<PortalEntry> {
    return this.http.patch<PortalEntry>(`/api/portal/entries/${id(entryId)}`, body);
  }

  withdrawEntry(entryId: string): Observable<void> {
    return this.http.delete<void>(`/api/portal/entries/${id(entryId)}`);
  }
}

/** A random UUID, also where `crypto.randomUUID` is missing (plain-http origins other than localhost). */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const bytes = c.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
