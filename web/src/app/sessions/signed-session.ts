import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';
import { Couple, Session } from '../core/api/api-types';
import { ClinicApi } from '../core/api/clinic-api';
import { applyServerErrors } from '../core/api/problem-details';
import { FieldError } from '../shared/ui/field-error';
import { FormMessages } from '../shared/ui/form-messages';
import { ATTENDANCE_LABELS, FORMAT_LABELS, markerLabel, POSITION_LABELS } from '../shared/ui/labels';
import { EFT_STAGES, EftStage } from './session-form';

/** A signed session: read-only, with its amendments and a way to add one. */
@Component({
  selector: 'app-signed-session',
  imports: [ReactiveFormsModule, DatePipe, MatButtonModule, MatFormFieldModule, MatInputModule, FieldError, FormMessages],
  templateUrl: './signed-session.html',
  styleUrl: './signed-session.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignedSession {
  private readonly api = inject(ClinicApi);

  readonly session = input.required<Session>();
  readonly couple = input.required<Couple>();
  readonly amended = output<Session>();

  protected readonly labels = { format: FORMAT_LABELS, attendance: ATTENDANCE_LABELS, position: POSITION_LABELS };
  protected readonly stageName = computed(() => EFT_STAGES[this.session().eftStage as EftStage]?.name ?? '');
  protected readonly markers = computed(() => this.session().cycle?.markers.map(markerLabel) ?? []);
  protected readonly partners = computed(() =>
    (this.session().cycle?.partners ?? []).map((record) => ({
      ...record,
      name: this.couple().partners.find((p) => p.id === record.partnerId)?.firstName ?? 'Partner',
    })),
  );

  protected readonly amending = signal(false);
  protected readonly saving = signal(false);
  protected readonly errors = signal<string[]>([]);
  protected readonly status = signal('');
  protected readonly form = new FormGroup({
    text: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(20000)] }),
  });

  protected async addAmendment(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    this.saving.set(true);
    this.errors.set([]);
    try {
      const session = await firstValueFrom(this.api.amendSession(this.session().id, this.form.controls.text.value.trim()));
      this.form.reset();
      this.amending.set(false);
      this.status.set('Amendment added.');
      this.amended.emit(session);
    } catch (error) {
      this.errors.set(applyServerErrors(error, this.form).formMessages);
    } finally {
      this.saving.set(false);
    }
  }
}
