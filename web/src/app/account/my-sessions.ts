import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatTableModule } from '@angular/material/table';
import { firstValueFrom } from 'rxjs';
import { AccountApi } from '../core/api/account-api';
import { MySession } from '../core/api/account-types';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { describeError } from '../core/api/problem-details';
import { AuthStore } from '../core/auth/auth-store';
import { ConfirmDialog } from '../shared/ui/confirm-dialog';
import { describeDevice } from './device';
import { WhenPipe } from '../shared/ui/when';

/** The list shows this many devices, the most recently active first (this device always among them). */
export const DEVICES_SHOWN = 10;

/** One device: every open session signed in from the same browser, as one row. */
export interface DeviceRow {
  key: string;
  device: string;
  sessions: MySession[];
  current: boolean;
  lastActive: string;
  address: string | null;
}

/**
 * Sessions grouped by the browser that opened them (its user agent): signing in again on the same laptop
 * is one device, not two rows. This device first, then by last activity; the last {@link DEVICES_SHOWN}.
 */
export function devicesOf(sessions: readonly MySession[]): DeviceRow[] {
  const byAgent = new Map<string, MySession[]>();
  for (const s of sessions) {
    const key = s.userAgent?.trim() || 'unknown';
    byAgent.set(key, [...(byAgent.get(key) ?? []), s]);
  }
  const rows = [...byAgent.entries()].map(([key, group]): DeviceRow => {
    const latest = [...group].sort((a, b) => b.lastRefreshedAt.localeCompare(a.lastRefreshedAt))[0];
    return {
      key,
      device: describeDevice(latest.userAgent),
      sessions: group,
      current: group.some((s) => s.current),
      lastActive: latest.lastRefreshedAt,
      address: latest.clientAddress,
    };
  });
  return rows
    .sort((a, b) => Number(b.current) - Number(a.current) || b.lastActive.localeCompare(a.lastActive))
    .slice(0, DEVICES_SHOWN);
}

/** Where I am signed in, one row per device — a lost laptop, a shared computer left signed in — and "sign out everywhere else". */
@Component({
  selector: 'app-my-sessions',
  imports: [DescribeErrorPipe, MatTableModule, MatButtonModule, WhenPipe],
  templateUrl: './my-sessions.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .this-device { font-weight: 600; margin-left: 0.5rem; padding: 0 0.4rem; border: 1px solid currentColor; border-radius: 4px; font-size: 0.8rem; }
  `,
})
export class MySessions {
  private readonly api = inject(AccountApi);
  private readonly dialog = inject(MatDialog);
  private readonly auth = inject(AuthStore);

  protected readonly sessions = httpResource<MySession[]>(() => '/api/me/sessions');
  private readonly all = computed(() => (this.sessions.hasValue() ? this.sessions.value() : []));
  protected readonly rows = computed(() => devicesOf(this.all()));
  /** Devices beyond the ones shown, so the list never pretends to be complete. */
  protected readonly devicesTotal = computed(() => new Set(this.all().map((s) => s.userAgent?.trim() || 'unknown')).size);
  protected readonly othersOpen = computed(() => this.all().some((s) => !s.current));
  protected readonly columns = ['device', 'lastActive', 'address', 'actions'];
  protected readonly message = signal('');
  protected readonly ending = signal<string | null>(null);
  protected readonly shown = DEVICES_SHOWN;

  protected async end(row: DeviceRow): Promise<void> {
    const where = row.current ? 'this device' : `${row.device}${row.address ? ` (${row.address})` : ''}`;
    const confirmed = await ConfirmDialog.ask(this.dialog, {
      title: `Sign out on ${where}?`,
      paragraphs: [row.current ? 'You will be signed out here.' : 'It is signed out at once.'],
      confirm: 'Sign out',
    });
    if (!confirmed) return;
    this.ending.set(row.key);
    try {
      // The current session last: ending it signs this page out.
      for (const s of [...row.sessions].sort((a, b) => Number(a.current) - Number(b.current))) {
        await firstValueFrom(this.api.endSession(s.id));
      }
    } catch (error) {
      this.message.set(`Could not sign out there: ${describeError(error)}`);
      this.ending.set(null);
      this.sessions.reload();
      return;
    }
    if (row.current) {
      await this.auth.signedOutByServer('session-ended');
      return;
    }
    this.ending.set(null);
    this.message.set(`Signed out on ${row.device}.`);
    this.sessions.reload();
  }

  protected async endOthers(): Promise<void> {
    const confirmed = await ConfirmDialog.ask(this.dialog, {
      title: 'Sign out everywhere else?',
      paragraphs: ['Every other device and browser is signed out at once. You stay signed in here.'],
      confirm: 'Sign out everywhere else',
    });
    if (!confirmed) return;
    this.ending.set('others');
    try {
      const { ended } = await firstValueFrom(this.api.endOtherSessions());
      this.message.set(ended === 1 ? 'Signed out of 1 other session.' : `Signed out of ${ended} other sessions.`);
    } catch (error) {
      this.message.set(`Could not sign out everywhere else: ${describeError(error)}`);
    } finally {
      this.ending.set(null);
      this.sessions.reload();
    }
  }
}
