import { HttpClient, httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatRadioModule } from '@angular/material/radio';
import { firstValueFrom } from 'rxjs';
import { Schemas } from '../core/api/api-types';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { applyServerErrors } from '../core/api/problem-details';
import { FormMessages } from '../shared/ui/form-messages';
import { MessageEmailChoice } from './messages-types';

type Delivery = Schemas['MessageEmailDelivery'];

/**
 * The therapist's choice of how new messages are announced by email (the account page): an email per message (at most
 * one per thread in 15 minutes) or one daily digest of counts. Neither ever carries a word of a message.
 */
@Component({
  selector: 'app-message-email-section',
  imports: [DescribeErrorPipe, ReactiveFormsModule, MatRadioModule, MatButtonModule, FormMessages],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="message-email-heading">
      <h2 id="message-email-heading">Message emails</h2>
      @if (choice.error(); as error) {
        <p role="alert">Could not load your message email choice: {{ error | describeError }}</p>
      }
      <app-form-messages [messages]="errors()" heading="Could not save your choice" />
      <form [formGroup]="form" (ngSubmit)="save()" novalidate>
        <p id="message-email-legend">When a client sends me a message, email me</p>
        <mat-radio-group formControlName="delivery" aria-labelledby="message-email-legend">
          <mat-radio-button value="each_message">For each new message (at most one per thread every 15 minutes)</mat-radio-button>
          <mat-radio-button value="daily_digest">Once a day, at {{ digestAt() }}, if any messages are unread</mat-radio-button>
        </mat-radio-group>
        @if (form.controls.delivery.hasError('server')) {
          <p class="error" role="alert">{{ form.controls.delivery.getError('server') }}</p>
        }
        <p class="hint">These emails only say that messages wait: never who wrote them or what they say.</p>
        <button mat-flat-button type="submit" [disabled]="saving() || !choice.hasValue()">Save message emails</button>
        <p role="status">{{ saved() }}</p>
      </form>
    </section>
  `,
  styles: `
    mat-radio-group { display: flex; flex-direction: column; gap: 0.25rem; margin-bottom: 0.5rem; }
    #message-email-legend { font-weight: 600; margin-bottom: 0.25rem; }
    .error { color: var(--mat-sys-error); }
    .hint { color: var(--mat-sys-on-surface-variant); }
    button { min-height: 44px; }
  `,
})
export class MessageEmailSection {
  private readonly http = inject(HttpClient);
  protected readonly choice = httpResource<MessageEmailChoice>(() => '/api/me/message-email');
  protected readonly form = inject(FormBuilder).nonNullable.group({ delivery: 'each_message' as Delivery });
  protected readonly digestAt = signal('08:00');
  protected readonly errors = signal<string[]>([]);
  protected readonly saving = signal(false);
  protected readonly saved = signal('');

  constructor() {
    effect(() => {
      if (!this.choice.hasValue()) return;
      const c = this.choice.value();
      this.digestAt.set(c.digestSendsAt);
      this.form.setValue({ delivery: c.delivery });
    });
  }

  protected async save(): Promise<void> {
    this.saving.set(true);
    this.errors.set([]);
    this.saved.set('');
    const body: Schemas['SetMessageEmailChoiceCommand'] = { delivery: this.form.getRawValue().delivery };
    try {
      const answer = await firstValueFrom(this.http.put<MessageEmailChoice>('/api/me/message-email', body));
      this.saved.set(answer.delivery === 'daily_digest' ? `You will get one digest a day at ${answer.digestSendsAt}.` : 'You will get an email for each new message.');
    } catch (error) {
      this.errors.set(applyServerErrors(error, this.form).formMessages);
    } finally {
      this.saving.set(false);
    }
  }
}
