import { inject, Injectable } from '@angular/core';
import { AuthStore } from './auth-store';

export interface Draft {
  text: string;
  savedAt: string;
}

interface Registration {
  owner: string;
  read: () => string | null;
}

const PREFIX = 'clinic.draft.';

/**
 * Unsaved text (a session note) that must survive an involuntary sign-out. Forms register a
 * reader keyed by their route; on idle logout or session expiry every registered draft is
 * written to localStorage under the signed-in user's id, so it is offered back only to the
 * same person. Holds drafts only — never tokens or anything else about the session.
 */
@Injectable({ providedIn: 'root' })
export class DraftStore {
  private readonly auth = inject(AuthStore);
  private readonly registrations = new Map<string, Registration>();

  /** Returns a function that unregisters; call it when the form is destroyed or saved. */
  register(key: string, read: () => string | null): () => void {
    const owner = this.auth.user()?.id;
    if (!owner) return () => undefined;
    const registration: Registration = { owner, read };
    this.registrations.set(key, registration);
    return () => {
      if (this.registrations.get(key) === registration) this.registrations.delete(key);
    };
  }

  saveAll(): void {
    const savedAt = new Date().toISOString();
    for (const [key, { owner, read }] of this.registrations) {
      const text = read();
      if (text && text.trim()) {
        this.write(this.storageKey(owner, key), JSON.stringify({ text, savedAt } satisfies Draft));
      }
    }
  }

  /** The current user's saved draft for `key`, if any; it stays stored until discarded. */
  peek(key: string): Draft | null {
    const owner = this.auth.user()?.id;
    if (!owner) return null;
    try {
      const raw = localStorage.getItem(this.storageKey(owner, key));
      const draft = raw ? (JSON.parse(raw) as Draft) : null;
      return draft && typeof draft.text === 'string' ? draft : null;
    } catch {
      return null;
    }
  }

  discard(key: string): void {
    const owner = this.auth.user()?.id;
    if (owner) this.remove(this.storageKey(owner, key));
  }

  private storageKey(owner: string, key: string): string {
    return `${PREFIX}${owner}.${key}`;
  }

  private write(storageKey: string, value: string): void {
    try {
      localStorage.setItem(storageKey, value);
    } catch {
      // Storage may be full or disabled; losing a draft must not block signing out.
    }
  }

  private remove(storageKey: string): void {
    try {
      localStorage.removeItem(storageKey);
    } catch {
      // See write().
    }
  }
}
