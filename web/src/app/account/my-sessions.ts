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

interface SessionRow extends MySession {
  device: string;
}

/** My open sign-ins, with a way to end one — a lost laptop, a shared computer left signed in. */
@Component({
  selector: 'app-my-sessions',
  imports: [DescribeErrorPipe, MatTableModule, MatButtonModule, WhenPipe],
  templateUrl: './my-sessions.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .this-device { font-weight: 600; margin-left: 0.5rem; padding: 0 0.4rem; border: 1px solid currentColor; border-radius: 4px; font-size: 0.8rem; }
    .agent { display: block; font-size: 0.75rem; color: var(--mat-sys-on-surface-variant); max-width: 28rem; overflow-wrap: anywhere; }
  `,
})
export class MySessions {
  private readonly api = inject(AccountApi);
  private readonly dialog = inject(MatDialog);
  private readonly auth = inject(AuthStore);

  protected readonly sessions = httpResource<MySession[]>(() => '/api/me/sessions');
  protected readonly rows = computed<SessionRow[]>(() =>
    (this.sessions.hasValue() ? this.sessions.value() : []).map((s) => ({ ...s, device: describeDevice(s.userAgent) })),
  );
  protected readonly columns = ['device', 'address', 'started', 'lastActive', 'actions'];
  protected readonly message = signal('');
  protected readonly ending = signal<string | null>(null);

  protected async end(session: SessionRow): Promise<void> {
    const where = session.current
      ? 'this device'
      : `${session.device}${session.clientAddress ? ` (${session.clientAddress})` : ''}`;
    const confirmed = await ConfirmDialog.ask(this.dialog, {
      title: `End the session on ${where}?`,
      paragraphs: [session.current ? 'You will be signed out here.' : 'It is signed out at once.'],
      confirm: 'End session',
    });
    if (!confirmed) return;
    this.ending.set(session.id);
    try {
      await firstValueFrom(this.api.endSession(session.id));
    } catch (error) {
      this.message.set(`The session was not ended: ${describeError(error)}`);
      this.ending.set(null);
      return;
    }
    if (session.current) {
      await this.auth.signedOutByServer('session-ended');
      return;
    }
    this.ending.set(null);
    this.message.set(`The session on ${session.device} was ended.`);
    this.sessions.reload();
  }
}
