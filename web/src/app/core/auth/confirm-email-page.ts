import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { Schemas } from '../api/api-types';
import { describeError } from '../api/problem-details';

/**
 * The page the link sent to a corrected sign-in address opens: one button, so a mail scanner that
 * follows links confirms nothing; then the partner signs in with the new address.
 */
@Component({
  selector: 'app-confirm-email-page',
  imports: [MatButtonModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section>
      <h1>Use this email address to sign in</h1>
      @if (!token()) {
        <p role="alert">This link has no token. Open the full link from the email.</p>
      } @else if (done()) {
        <p role="status">Done. From now on you sign in with this address.</p>
        <p><a routerLink="/login">Sign in</a></p>
      } @else {
        <p>Your therapist changed the email address you sign in to the client portal with. Confirm it to sign in with it from now on.</p>
        @if (error()) {
          <p role="alert">{{ error() }}</p>
        }
        <button mat-flat-button type="button" [disabled]="sending()" (click)="confirm()">Use this address to sign in</button>
      }
    </section>
  `,
  styles: `
    section { max-width: 460px; margin: 2rem auto; }
    button { min-height: 44px; }
  `,
})
export class ConfirmEmailPage {
  private readonly http = inject(HttpClient);
  /** From `?token=` via component input binding. */
  readonly token = input<string>();
  protected readonly done = signal(false);
  protected readonly sending = signal(false);
  protected readonly error = signal('');

  protected async confirm(): Promise<void> {
    const token = this.token();
    if (!token) return;
    this.sending.set(true);
    this.error.set('');
    try {
      const body: Schemas['ConfirmSignInEmailCommand'] = { token };
      await firstValueFrom(this.http.post<void>('/api/auth/email-change/confirm', body));
      this.done.set(true);
    } catch (error) {
      this.error.set(`This link did not work: ${describeError(error)}`);
    } finally {
      this.sending.set(false);
    }
  }
}
