import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { Schemas } from '../api/api-types';

/** A note kept on the server for its author: `sessionId` null is a new session for the couple. */
export type KeptDraft = Schemas['KeptNoteDto'];

/** What is being edited: a recorded session, or a new one for the couple. */
export interface DraftKey {
  coupleId: string;
  sessionId: string | null;
}

interface Registration {
  key: DraftKey;
  read: () => string | null;
}

const API = '/api/me/session-drafts';
/** Where an earlier version kept notes, in plain text, in this browser. */
const LEGACY_PREFIX = 'clinic.draft.';

function id(key: DraftKey): string {
  return `${key.coupleId}/${key.sessionId ?? 'new'}`;
}

/**
 * Removes session notes an earlier version of the app left in localStorage: clinical text must not
 * stay in a browser, least of all after sign-out on a shared computer. Called at start and sign-out.
 */
export function removeLegacyLocalDrafts(): void {
  try {
    for (const key of Object.keys(localStorage)) {
      if (key.startsWith(LEGACY_PREFIX)) localStorage.removeItem(key);
    }
  } catch {
    // Storage disabled: then nothing was kept there either.
  }
}

/**
 * Unsaved session notes, kept on the server for their author (seven days from the last save) and
 * never in the browser: the editor saves its note as it is typed, the idle logout saves every open
 * note before signing out, and the note is offered back after signing in, on any device.
 */
@Injectable({ providedIn: 'root' })
export class DraftStore {
  private readonly http = inject(HttpClient);
  private readonly registrations = new Map<string, Registration>();
  /** Server ids of drafts this tab has seen, so discarding needs no lookup. */
  private readonly ids = new Map<string, string>();

  /** A form whose note `read` returns while it has unsaved text; returns a function that unregisters. */
  register(key: DraftKey, read: () => string | null): () => void {
    const registration: Registration = { key, read };
    this.registrations.set(id(key), registration);
    return () => {
      if (this.registrations.get(id(key)) === registration) this.registrations.delete(id(key));
    };
  }

  /** Keeps this note now; a failure loses nothing the server already has. */
  async save(key: DraftKey, note: string): Promise<KeptDraft | null> {
    if (!note.trim()) return null;
    try {
      const body: Schemas['SaveSessionDraftCommand'] = { coupleId: key.coupleId, sessionId: key.sessionId, note };
      const draft = await firstValueFrom(this.http.put<KeptDraft>(API, body));
      this.ids.set(id(key), draft.id);
      return draft;
    } catch {
      return null;
    }
  }

  /** Every open form with unsaved text, before an idle sign-out. */
  async saveAll(): Promise<void> {
    await Promise.all(
      [...this.registrations.values()].map(({ key, read }) => {
        const note = read();
        return note ? this.save(key, note) : Promise.resolve(null);
      }),
    );
  }

  /** My kept notes, newest first. */
  async list(): Promise<KeptDraft[]> {
    try {
      const drafts = await firstValueFrom(this.http.get<KeptDraft[]>(API));
      for (const draft of drafts) this.ids.set(id(draft), draft.id);
      return drafts;
    } catch {
      return [];
    }
  }

  /** The kept note for what is being edited, if any. */
  async find(key: DraftKey): Promise<KeptDraft | null> {
    return (await this.list()).find((d) => id(d) === id(key)) ?? null;
  }

  /**
   * The session was saved, or the kept note is not wanted. Only a draft this tab has seen (offered
   * here, or saved from here) is known to exist; any other lapses on its own after seven days.
   */
  async discard(key: DraftKey): Promise<void> {
    const draftId = this.ids.get(id(key));
    this.ids.delete(id(key));
    if (!draftId) return;
    try {
      await firstValueFrom(this.http.delete<void>(`${API}/${encodeURIComponent(draftId)}`));
    } catch {
      // It lapses after seven days anyway.
    }
  }
}
