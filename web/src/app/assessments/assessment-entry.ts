import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { firstValueFrom } from 'rxjs';
import { Partner } from '../core/api/api-types';
import { Assessment, Instrument } from '../core/api/assessment-types';
import { AssessmentsApi } from '../core/api/assessments-api';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { applyServerErrors } from '../core/api/problem-details';
import { practiceToday } from '../shared/ui/dates';
import { FieldError } from '../shared/ui/field-error';
import { FormMessages } from '../shared/ui/form-messages';

export const ECR_RS = 'ECR-RS';

/** The therapist enters a partner's answers to an instrument given on paper or in session. */
@Component({
  selector: 'app-assessment-entry',
  imports: [
    DescribeErrorPipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    FieldError,
    FormMessages,
  ],
  templateUrl: './assessment-entry.html',
  styles: `
    form { max-width: 760px; }
    .row { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 0 1rem; }
    .scale { display: flex; flex-wrap: wrap; gap: 0 0.5rem; }
    .anchors { font-size: 0.875rem; color: var(--mat-sys-on-surface-variant); margin: 0 0 0.5rem; }
    .field-error { color: var(--mat-sys-error); font-size: 0.875rem; margin: 0; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AssessmentEntry {
  private readonly api = inject(AssessmentsApi);

  readonly coupleId = input.required<string>();
  readonly partners = input.required<Partner[]>();
  /** The instrument's code ("PHQ-9"); its newest version is used. */
  readonly instrumentCode = input(ECR_RS);
  readonly recorded = output<Assessment>();

  protected readonly instruments = httpResource<Instrument[]>(() => '/api/instruments');
  protected readonly instrument = computed(() =>
    this.instruments.hasValue()
      ? (this.instruments.value().filter((i) => i.code === this.instrumentCode()).sort((a, b) => b.version - a.version)[0] ?? null)
      : null,
  );
  protected readonly form = computed(() => {
    const instrument = this.instrument();
    const responses = new FormGroup<Record<string, FormControl<number | null>>>({});
    for (const item of instrument?.items ?? []) {
      responses.addControl(item.id, new FormControl<number | null>(null, Validators.required));
    }
    return new FormGroup({
      partnerId: new FormControl<string | null>(null, Validators.required),
      administeredOn: new FormControl(practiceToday(), { nonNullable: true, validators: Validators.required }),
      responses,
    });
  });
  /** Each item's options in printed order, by item id (CSI item 1 runs 0–6, the rest 0–5). */
  protected readonly points = computed(() => {
    const instrument = this.instrument();
    const byItem = new Map<string, { value: number; label: string }[]>();
    for (const item of instrument?.items ?? []) byItem.set(item.id, (item.scale ?? instrument!.scale).anchors);
    return byItem;
  });
  /** The end labels of the shared scale, e.g. "1 = Strongly disagree, 7 = Strongly agree". */
  protected readonly anchors = computed(() => {
    const scale = this.instrument()?.scale;
    if (!scale) return '';
    return scale.anchors.filter((a) => a.value === scale.min || a.value === scale.max).map((a) => `${a.value} = ${a.label}`).join(', ');
  });
  protected readonly messages = signal<string[]>([]);
  protected readonly status = signal('');
  protected readonly saving = signal(false);

  protected pointsOf(id: string): { value: number; label: string }[] {
    return this.points().get(id) ?? [];
  }

  protected control(id: string): FormControl<number | null> {
    return this.form().controls.responses.controls[id];
  }

  protected async submit(): Promise<void> {
    const form = this.form();
    const instrument = this.instrument();
    this.messages.set([]);
    this.status.set('');
    if (!instrument) return;
    if (form.invalid) {
      form.markAllAsTouched();
      this.messages.set([`Choose the partner, the date and an answer for all ${instrument.items.length} items.`]);
      return;
    }
    const value = form.getRawValue();
    this.saving.set(true);
    try {
      const stored = await firstValueFrom(
        this.api.record(this.coupleId(), {
          partnerId: value.partnerId!,
          instrument: instrument.code,
          administeredOn: value.administeredOn,
          responses: value.responses as Record<string, number>,
        }),
      );
      form.reset({ partnerId: null, administeredOn: practiceToday() });
      this.status.set('Assessment saved.');
      this.recorded.emit(stored);
    } catch (error) {
      this.messages.set(applyServerErrors(error, form).formMessages);
    } finally {
      this.saving.set(false);
    }
  }
}
