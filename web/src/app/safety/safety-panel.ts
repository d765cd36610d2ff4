import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';
import { Partner } from '../core/api/api-types';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { describeError } from '../core/api/problem-details';
import { SafetyApi } from '../core/api/safety-api';
import { SafetyFlag, SafetyOverview } from '../core/api/safety-types';
import { RiskRecordForm } from './risk-record-form';
import { SafetyRefresh } from './safety-refresh';
import { WhenPipe } from '../shared/ui/when';

/** Therapist-only: flags (resolved only with a note), check-ins with answers, and risk records. */
@Component({
  selector: 'app-safety-panel',
  imports: [
    DescribeErrorPipe,
    WhenPipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    RiskRecordForm,
  ],
  templateUrl: './safety-panel.html',
  styleUrl: './safety-panel.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SafetyPanel {
  private readonly api = inject(SafetyApi);
  private readonly refresh = inject(SafetyRefresh);

  readonly coupleId = input.required<string>();
  readonly partners = input.required<Partner[]>();

  protected readonly safety = httpResource<SafetyOverview>(() => {
    this.refresh.version();
    return `/api/couples/${encodeURIComponent(this.coupleId())}/safety`;
  });
  protected readonly overview = computed(() => (this.safety.hasValue() ? this.safety.value() : null));
  protected readonly openFlags = computed(() => this.overview()?.flags.filter((f) => f.status === 'open') ?? []);
  protected readonly resolvedFlags = computed(() => this.overview()?.flags.filter((f) => f.status === 'resolved') ?? []);
  protected readonly resolving = signal<string | null>(null);
  protected readonly note = new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(/\S/)] });
  /** A group, so the form gets a FormGroupDirective and (ngSubmit) fires: a bare form has no NgForm here. */
  protected readonly resolveForm = new FormGroup({ note: this.note });
  protected readonly messages = signal<Record<string, string>>({});

  protected partnerName(id: string): string {
    return this.partners().find((p) => p.id === id)?.firstName ?? 'Partner';
  }

  protected checksOf(partnerId: string) {
    return this.overview()?.checks.filter((c) => c.partnerId === partnerId) ?? [];
  }

  protected hasPendingCheckIn(partnerId: string): boolean {
    return this.overview()?.checks.some((c) => c.partnerId === partnerId && c.status === 'pending') ?? false;
  }

  protected startResolving(flag: SafetyFlag): void {
    this.note.reset('');
    this.resolving.set(flag.id);
  }

  protected async resolve(flag: SafetyFlag): Promise<void> {
    if (this.note.invalid) {
      this.note.markAsTouched();
      return;
    }
    try {
      await firstValueFrom(this.api.resolveFlag(flag.id, this.note.value.trim()));
      this.resolving.set(null);
      this.say(flag.id, 'Flag resolved.');
      this.refresh.bump();
    } catch (error) {
      this.say(flag.id, `Not resolved. ${describeError(error)}`);
    }
  }

  protected async requestCheckIn(partner: Partner): Promise<void> {
    try {
      await firstValueFrom(this.api.requestCheckIn(this.coupleId(), partner.id));
      this.say(partner.id, `${partner.firstName} will find a check-in in the portal.`);
      this.refresh.bump();
    } catch (error) {
      this.say(partner.id, describeError(error));
    }
  }

  protected riskSaved(): void {
    this.refresh.bump();
  }

  private say(key: string, message: string): void {
    this.messages.update((all) => ({ ...all, [key]: message }));
  }
}
