import { ChangeDetectionStrategy, Component, computed, effect, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatToolbarModule } from '@angular/material/toolbar';
import { toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { filter, map } from 'rxjs';
import { AuthStore } from '../auth/auth-store';
import { IdleLogout } from '../auth/idle-logout';
import { MessageActivity } from '../../messages/message-activity';
import { IdleWarning } from './idle-warning';
import { NavigationFocus } from './navigation-focus';

export interface NavLink {
  path: string;
  label: string;
  /** Shows the unread messages count beside the label. */
  unread?: boolean;
}

const NAV_BY_ROLE: Record<string, NavLink[]> = {
  therapist: [
    { path: '/dashboard', label: 'Caseload' },
    { path: '/caseload', label: 'All couples' },
    { path: '/calendar', label: 'Calendar' },
    { path: '/supervision', label: 'Supervision' },
    { path: '/inbox', label: 'Inbox', unread: true },
  ],
  client: [
    { path: '/portal', label: 'My portal' },
    { path: '/portal/messages', label: 'Messages', unread: true },
  ],
  admin: [
    { path: '/admin/therapists', label: 'Therapists' },
    { path: '/admin/documents', label: 'Documents' },
    { path: '/admin/forms', label: 'Forms' },
    { path: '/admin/audit', label: 'Audit log' },
    { path: '/admin/deliveries', label: 'Email log' },
    { path: '/admin/practice', label: 'Practice' },
    { path: '/admin/retention', label: 'Retention' },
    { path: '/admin/backups', label: 'Backups' },
  ],
};

/**
 * The one navigation link that is current for a URL: the most specific whose path is the URL or a parent of it. On
 * /portal/messages that is "Messages" alone, not "My portal" too; on /portal/plan (no link of its own) "My portal".
 */
export function currentNavPath(links: readonly NavLink[], url: string): string | null {
  const path = url.split(/[?#]/)[0];
  let best: string | null = null;
  for (const link of links) {
    const matches = path === link.path || path.startsWith(link.path.endsWith('/') ? link.path : `${link.path}/`);
    if (matches && (best === null || link.path.length > best.length)) best = link.path;
  }
  return best;
}

@Component({
  selector: 'app-shell',
  imports: [MatToolbarModule, MatButtonModule, RouterLink, RouterLinkActive, RouterOutlet, IdleWarning],
  templateUrl: './app-shell.html',
  styleUrl: './app-shell.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AppShell {
  protected readonly auth = inject(AuthStore);
  private readonly idle = inject(IdleLogout);
  protected readonly activity = inject(MessageActivity);
  /** A session limited to two-step enrolment gets no navigation: there is nowhere else to go yet. */
  protected readonly fullSession = computed(() => this.auth.isAuthenticated() && !this.auth.mfaEnrolmentRequired());
  protected readonly links = computed(() => (this.fullSession() ? (NAV_BY_ROLE[this.auth.role() ?? ''] ?? []) : []));
  private readonly router = inject(Router);
  private readonly url = toSignal(
    this.router.events.pipe(
      filter((e): e is NavigationEnd => e instanceof NavigationEnd),
      map((e) => e.urlAfterRedirects),
    ),
    { initialValue: this.router.url },
  );
  /** Which nav link is marked current (one at most; see currentNavPath). */
  protected readonly current = computed(() => currentNavPath(this.links(), this.url()));

  constructor() {
    inject(NavigationFocus).start();
    effect(() => (this.auth.isAuthenticated() ? this.idle.start() : this.idle.stop()));
    // Unread badges: live from the message stream, polled while it is down (an admin reads no messages).
    effect(() => {
      const role = this.fullSession() ? this.auth.role() : null;
      if (role === 'therapist' || role === 'client') this.activity.start(role);
      else this.activity.stop();
    });
  }

  protected signOut(): void {
    void this.auth.logout();
  }
}
