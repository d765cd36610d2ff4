import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { AuthStore } from '../core/auth/auth-store';
import { MessageEmailSection } from '../messages/message-email-section';
import { NotificationPreferencesForm } from '../notifications/notification-preferences';
import { ChangePasswordForm } from './change-password-form';
import { MyDataSection } from './my-data-section';
import { MySessions } from './my-sessions';
import { TwoStepSection } from './two-step-section';
import { WorkingHours } from './working-hours';

/** The signed-in user's own account, for every role; two-step verification is for staff only. */
@Component({
  selector: 'app-account-page',
  imports: [MessageEmailSection, TwoStepSection, WorkingHours, MySessions, ChangePasswordForm, NotificationPreferencesForm, MyDataSection],
  template: `
    <h1>Your account</h1>
    <p class="who">Signed in as {{ auth.user()?.displayName }}.</p>
    @if (therapist()) {
      <app-working-hours />
    }
    @if (staff()) {
      <app-two-step-section />
    }
    @if (therapist()) {
      <app-message-email-section />
    }
    @if (client()) {
      <app-notification-preferences />
      <app-my-data-section />
    }
    <app-my-sessions />
    <app-change-password-form />
  `,
  styles: `
    :host { display: block; max-width: 960px; }
    :host ::ng-deep section { margin-bottom: 2.5rem; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountPage {
  protected readonly auth = inject(AuthStore);
  protected readonly staff = computed(() => this.auth.role() === 'therapist' || this.auth.role() === 'admin');
  protected readonly therapist = computed(() => this.auth.role() === 'therapist');
  protected readonly client = computed(() => this.auth.role() === 'client');
}
