import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Router } from '@angular/router';
import { AuthStore } from '../core/auth/auth-store';
import { MfaEnrolment } from './mfa-enrolment';

/**
 * Where a session limited to enrolment is kept (the practice requires two-step verification):
 * nothing clinical opens until the user has enrolled, saved the recovery codes and the session
 * has been refreshed into a full one.
 */
@Component({
  selector: 'app-two-step-setup-page',
  imports: [MfaEnrolment],
  template: `
    <section class="setup">
      <h1>Set up two-step verification</h1>
      <p>
        Your practice asks everyone who sees client records to sign in with a code from an authenticator app as well as
        a password. Set it up now to continue; it takes a minute.
      </p>
      <app-mfa-enrolment (finished)="goHome()" />
    </section>
  `,
  styles: `.setup { max-width: 720px; }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TwoStepSetupPage {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);

  protected async goHome(): Promise<void> {
    await this.router.navigateByUrl(this.auth.homeUrl());
  }
}
