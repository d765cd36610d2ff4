import { DOCUMENT, inject, Injectable } from '@angular/core';
import { AuthStore } from '../core/auth/auth-store';

export const QUICK_EXIT_URL = 'https://www.bbc.co.uk/weather';

/**
 * The portal's one-tap exit for a client who may be watched. It forgets the session in this
 * tab, ends it on the server so Back cannot restore it from the refresh cookie, and replaces
 * the history entry so Back does not return to the portal page either.
 */
@Injectable({ providedIn: 'root' })
export class QuickExit {
  private readonly auth = inject(AuthStore);
  private readonly document = inject(DOCUMENT);

  leave(): void {
    const token = this.auth.accessToken();
    this.auth.clearSession();
    try {
      // keepalive lets the request finish after the page is gone.
      void fetch('/api/auth/logout', {
        method: 'POST',
        keepalive: true,
        credentials: 'include',
        headers: token ? { Authorization: `Bearer ${token}` } : {},
      }).catch(() => undefined);
    } catch {
      // Leaving matters more than telling the server.
    }
    this.document.location.replace(QUICK_EXIT_URL);
  }
}
