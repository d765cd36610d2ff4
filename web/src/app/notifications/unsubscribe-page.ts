import { ChangeDetectionStrategy, Component, inject, input, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { AppointmentsApi } from '../core/api/appointments-api';
import { describeError } from '../core/api/problem-details';

const TURNED_OFF: Record<string, string> = {
  appointment_reminders: 'appointment reminders',
  homework_nudges: 'practice nudges',
  questionnaire_reminders: 'reminders of things waiting in your portal',
};

/** One-click unsubscribe from a reminder email: no sign-in, the signed link is enough. */
@Component({
  selector: 'app-unsubscribe-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section>
      <h1>Email reminders</h1>
      <p role="status">{{ message() }}</p>
      @if (done()) {
        <p>You can turn reminders back on, and set quiet hours, on your portal's <a routerLink="/account">account page</a>.</p>
      }
    </section>
  `,
  styles: `section { max-width: 520px; margin: 2rem auto; }`,
})
export class UnsubscribePage implements OnInit {
  private readonly api = inject(AppointmentsApi);
  /** From `?token=` via component input binding. */
  readonly token = input<string>();
  protected readonly message = signal('Turning these reminders off…');
  protected readonly done = signal(false);

  async ngOnInit(): Promise<void> {
    if (!this.token()) {
      this.message.set('This link is not complete. Change your reminders on your portal account page.');
      return;
    }
    try {
      const result = await firstValueFrom(this.api.unsubscribe(this.token()!));
      this.message.set(`Done: you will no longer get ${TURNED_OFF[result.turnedOff] ?? 'these reminders'}.`);
      this.done.set(true);
    } catch (error) {
      this.message.set(`Could not turn the reminders off: ${describeError(error)}`);
    }
  }
}
