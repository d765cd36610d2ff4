import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { Paged } from '../core/api/api-types';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { applyServerErrors } from '../core/api/problem-details';
import { SafetyApi } from '../core/api/safety-api';
import { PortalCheckIn, PortalCheckInItem } from '../core/api/safety-types';
import { CrisisResources } from '../core/api/practice-types';
import { CrisisResourcesPanel } from '../portal/crisis-resources';
import { FieldError } from '../shared/ui/field-error';
import { FormMessages } from '../shared/ui/form-messages';

export function buildCheckInForm(items: PortalCheckInItem[]) {
  const answers = new FormGroup<Record<string, FormControl<string | null>>>({});
  for (const item of items) {
    const validators = [
      ...(item.required ? [Validators.required] : []),
      ...(item.maxLength ? [Validators.maxLength(item.maxLength)] : []),
    ];
    answers.addControl(item.name, new FormControl<string | null>(item.type === 'text' ? '' : null, validators));
  }
  return new FormGroup({ answers });
}

/**
 * The private check-in. Worded neutrally; the portal shell keeps "Leave this page" in view.
 * The answer is acknowledged the same way whatever was said: the practice's crisis text first, then thanks.
 */
@Component({
  selector: 'app-check-in-page',
  imports: [
    DescribeErrorPipe,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    FieldError,
    FormMessages,
    CrisisResourcesPanel,
  ],
  templateUrl: './check-in-page.html',
  styles: `
    form { max-width: 640px; }
    fieldset { margin-bottom: 1.25rem; }
    .options { display: flex; flex-direction: column; }
    .field-error { color: var(--mat-sys-error); font-size: 0.875rem; }
    .reassure { color: var(--mat-sys-on-surface-variant); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CheckInPage {
  private readonly api = inject(SafetyApi);

  /** Route parameter `:id`. */
  readonly id = input.required<string>();

  protected readonly list = httpResource<Paged<PortalCheckIn>>(() => ({
    url: '/api/portal/check-ins',
    params: { page: 1, pageSize: 100 },
  }));
  protected readonly checkIn = computed(() =>
    this.list.hasValue() ? (this.list.value().items.find((c) => c.id === this.id()) ?? null) : null,
  );
  protected readonly form = computed(() => buildCheckInForm(this.checkIn()?.items ?? []));
  protected readonly sending = signal(false);
  protected readonly done = signal(false);
  /** The same after every check-in, whatever was said: where to get help now. */
  protected readonly crisis = signal<CrisisResources | null>(null);
  protected readonly messages = signal<string[]>([]);

  protected control(name: string): FormControl<string | null> {
    return this.form().controls.answers.controls[name];
  }

  protected async submit(): Promise<void> {
    const checkIn = this.checkIn();
    const form = this.form();
    if (!checkIn) return;
    if (form.invalid) {
      form.markAllAsTouched();
      this.messages.set(['Please answer each question marked below.']);
      return;
    }
    const answers: Record<string, string> = {};
    for (const [name, value] of Object.entries(form.getRawValue().answers)) {
      const text = (value ?? '').trim();
      if (text) answers[name] = text;
    }
    this.sending.set(true);
    this.messages.set([]);
    try {
      const answered = await firstValueFrom(this.api.answerCheckIn(checkIn.id, answers));
      this.crisis.set(answered.crisisResources);
      this.done.set(true);
    } catch (error) {
      this.messages.set(applyServerErrors(error, form).formMessages);
    } finally {
      this.sending.set(false);
    }
  }
}
