import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';
import { describeError } from '../../core/api/problem-details';
import { RetentionApi, RetentionCouple } from '../../core/api/retention-api';
import { CoupleContext } from './couple-context';
import { WhenPipe } from '../../shared/ui/when';

/**
 * The couple page's retention panel (DESIGN §17): how long the record is kept after closing, and the legal hold
 * that keeps it longer. The therapist may place or release the hold; the practice's admin purges.
 */
@Component({
  selector: 'app-couple-retention',
  imports: [WhenPipe, ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="retention-heading">
      <h3 id="retention-heading">Record retention</h3>
      @if (value(); as r) {
        <p>
          @if (r.retainUntil) {
            Closed {{ r.closedOn | when }}; the record is kept until {{ r.retainUntil | when }}, then the practice may purge it.
          } @else {
            The record is kept while the couple is open, then for the practice's retention period after closing.
          }
        </p>
        <p>
          <strong>Legal hold:</strong>
          {{ r.legalHold ? 'on — ' + r.holdReason + ' (set ' + (r.holdChangedAt | when) + '). The record is not purged while it stands.' : 'none.' }}
        </p>
        <form [formGroup]="form" (ngSubmit)="save(r)" class="hold">
          @if (!r.legalHold) {
            <mat-form-field appearance="outline">
              <mat-label>Reason for a legal hold</mat-label>
              <input matInput formControlName="reason" maxlength="500" />
              @if (form.controls.reason.invalid && form.controls.reason.touched) { <mat-error>Say why the record is held.</mat-error> }
            </mat-form-field>
          }
          <button mat-stroked-button type="submit" [disabled]="saving()">{{ r.legalHold ? 'Release the hold' : 'Place a legal hold' }}</button>
        </form>
        <p role="status">{{ message() }}</p>
      } @else if (retention.error()) {
        <p role="alert">Could not read the retention details: {{ describe(retention.error()) }}</p>
      }
    </section>
  `,
  styles: `
    .hold { display: flex; gap: 1rem; flex-wrap: wrap; align-items: center; }
    .hold button { min-height: 44px; }
  `,
})
export class CoupleRetention {
  private readonly api = inject(RetentionApi);
  private readonly context = inject(CoupleContext);
  protected readonly retention = httpResource<RetentionCouple>(() =>
    this.context.id() ? `/api/couples/${encodeURIComponent(this.context.id())}/retention` : undefined,
  );
  protected readonly value = computed(() => (this.retention.hasValue() ? this.retention.value() : null));
  protected readonly saving = signal(false);
  protected readonly message = signal('');
  protected readonly form = new FormGroup({ reason: new FormControl('', { nonNullable: true, validators: [Validators.required] }) });
  protected readonly describe = describeError;

  protected async save(current: RetentionCouple): Promise<void> {
    const hold = !current.legalHold;
    if (hold && this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    try {
      const updated = await firstValueFrom(this.api.saveCoupleRetention(current.coupleId, {
        legalHold: hold, holdReason: hold ? this.form.controls.reason.value.trim() : null,
      }));
      this.retention.set(updated);
      this.form.reset();
      this.message.set(hold ? 'Legal hold placed.' : 'Legal hold released.');
    } catch (error) {
      this.message.set(`Not saved: ${describeError(error)}`);
    } finally {
      this.saving.set(false);
    }
  }
}
