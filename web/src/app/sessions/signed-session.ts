import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { FormArray, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatSelectModule } from '@angular/material/select';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';
import { Amendment, Couple, CycleInput, CyclePosition, CycleRecord, Session } from '../core/api/api-types';
import { CoupleApi } from '../core/api/couple-api';
import { ClinicApi } from '../core/api/clinic-api';
import { applyServerErrors } from '../core/api/problem-details';
import { FieldError } from '../shared/ui/field-error';
import { FormMessages } from '../shared/ui/form-messages';
import { ATTENDANCE_LABELS, FORMAT_LABELS, markerLabel, POSITION_LABELS } from '../shared/ui/labels';
import { EFT_STAGES, EftStage } from './session-form';
import { WhenPipe } from '../shared/ui/when';

/** A signed session: read-only, with its amendments and a way to add one. */
@Component({
  selector: 'app-signed-session',
  imports: [ReactiveFormsModule, WhenPipe, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, MatSelectModule, FieldError,
    FormMessages],
  templateUrl: './signed-session.html',
  styleUrl: './signed-session.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignedSession {
  private readonly api = inject(ClinicApi);
  private readonly coupleApi = inject(CoupleApi);

  readonly session = input.required<Session>();
  readonly couple = input.required<Couple>();
  /** The supervisor's view (DESIGN §18): the record only, no way to amend it. */
  readonly readOnly = input(false);
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

  protected readonly positions = Object.keys(POSITION_LABELS) as CyclePosition[];
  /** Ticked: the amendment corrects the cycle values too, and its text is the reason. */
  protected readonly correcting = new FormControl(false, { nonNullable: true });
  private readonly intensity = () =>
    new FormControl(0, { nonNullable: true, validators: [Validators.required, Validators.min(0), Validators.max(10)] });
  protected readonly cycleForm = new FormGroup({
    partners: new FormArray<FormGroup<{ partnerId: FormControl<string>; position: FormControl<CyclePosition>; intensity: FormControl<number> }>>([]),
    episodesSinceLastSession: new FormControl(0, { nonNullable: true, validators: [Validators.required, Validators.min(0), Validators.max(1000)] }),
    peakIntensity: this.intensity(),
    repairMinutes: new FormControl(0, { nonNullable: true, validators: [Validators.required, Validators.min(0), Validators.max(10080)] }),
  });

  protected partnerName(partnerId: string): string {
    return this.couple().partners.find((p) => p.id === partnerId)?.firstName ?? 'Partner';
  }

  protected startAmending(): void {
    const cycle = this.session().cycle;
    this.correcting.setValue(false);
    this.cycleForm.controls.partners.clear();
    const ratings = cycle?.partners ?? this.couple().partners.map((p) => ({ partnerId: p.id, position: 'not_observed' as CyclePosition, intensity: 0 }));
    for (const r of ratings) {
      this.cycleForm.controls.partners.push(
        new FormGroup({
          partnerId: new FormControl(r.partnerId, { nonNullable: true }),
          position: new FormControl<CyclePosition>(r.position, { nonNullable: true }),
          intensity: new FormControl(r.intensity, { nonNullable: true, validators: [Validators.required, Validators.min(0), Validators.max(10)] }),
        }),
      );
    }
    this.cycleForm.patchValue({
      episodesSinceLastSession: cycle?.episodesSinceLastSession ?? 0,
      peakIntensity: cycle?.peakIntensity ?? 0,
      repairMinutes: cycle?.repairMinutes ?? 0,
    });
    this.amending.set(true);
  }

  /** What a correction changed, in words: "Alex intensity 7 → 4". */
  protected corrections(amendment: Amendment): string[] {
    const before = amendment.cycleBefore;
    const after = amendment.cycleAfter;
    if (!after) return [];
    const changes: string[] = [];
    for (const rating of after.partners) {
      const was = before?.partners.find((p) => p.partnerId === rating.partnerId);
      const name = this.partnerName(rating.partnerId);
      if (was?.position !== rating.position)
        changes.push(`${name} position ${was ? POSITION_LABELS[was.position] : 'none'} → ${POSITION_LABELS[rating.position]}`);
      if (was?.intensity !== rating.intensity) changes.push(`${name} intensity ${was?.intensity ?? 'none'} → ${rating.intensity}`);
    }
    const field = (label: string, key: keyof Pick<CycleRecord, 'episodesSinceLastSession' | 'peakIntensity' | 'repairMinutes'>) => {
      if (before?.[key] !== after[key]) changes.push(`${label} ${before?.[key] ?? 'none'} → ${after[key]}`);
    };
    field('Episodes', 'episodesSinceLastSession');
    field('Peak intensity', 'peakIntensity');
    field('Repair minutes', 'repairMinutes');
    return changes.length ? changes : ['No values changed'];
  }

  protected async addAmendment(): Promise<void> {
    this.form.markAllAsTouched();
    const correcting = this.correcting.value;
    if (correcting) this.cycleForm.markAllAsTouched();
    if (this.form.invalid || (correcting && this.cycleForm.invalid)) return;
    this.saving.set(true);
    this.errors.set([]);
    const text = this.form.controls.text.value.trim();
    try {
      let session: Session;
      if (correcting) {
        const current = this.session().cycle;
        const value = this.cycleForm.getRawValue();
        const cycle: CycleInput = { ...value, triggers: current?.triggers ?? [], markers: current?.markers ?? [] };
        session = await firstValueFrom(this.coupleApi.correctCycle(this.session().id, text, cycle));
      } else {
        session = await firstValueFrom(this.api.amendSession(this.session().id, text));
      }
      this.form.reset();
      this.amending.set(false);
      this.status.set(correcting ? 'Amendment added; the cycle values are corrected.' : 'Amendment added.');
      this.amended.emit(session);
    } catch (error) {
      this.errors.set(applyServerErrors(error, new FormGroup({ text: this.form.controls.text, cycle: this.cycleForm })).formMessages);
    } finally {
      this.saving.set(false);
    }
  }
}
