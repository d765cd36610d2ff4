import { formatWhen, WhenPipe } from '../shared/ui/when';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { firstValueFrom } from 'rxjs';
import { Release, RELEASE_CONTENT_LABELS, ReleaseContent, ReleaseList } from '../core/api/agreement-types';
import { AgreementsApi } from '../core/api/agreements-api';
import { Partner } from '../core/api/api-types';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { applyServerErrors, describeError } from '../core/api/problem-details';
import { FileDownload } from '../shared/ui/download';
import { FieldError } from '../shared/ui/field-error';
import { FormMessages } from '../shared/ui/form-messages';
import { practiceToday } from '../shared/ui/dates';

export function buildReleaseForm(today = practiceToday()) {
  const year = today.slice(0, 4);
  return new FormGroup({
    recipient: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(200)] }),
    purpose: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(2000)] }),
    includes: new FormGroup(
      Object.fromEntries((Object.keys(RELEASE_CONTENT_LABELS) as ReleaseContent[]).map((c) => [c, new FormControl(false, { nonNullable: true })])) as Record<
        ReleaseContent,
        FormControl<boolean>
      >,
    ),
    from: new FormControl(`${year}-01-01`, { nonNullable: true, validators: Validators.required }),
    to: new FormControl(today, { nonNullable: true, validators: Validators.required }),
    expiresOn: new FormControl(`${Number(year) + 1}${today.slice(4)}`, { nonNullable: true, validators: Validators.required }),
    partnerId: new FormControl<string | null>(null),
  });
}

/** Releases of information: drafted here, signed by each partner whose record they contain, exported only then. */
@Component({
  selector: 'app-releases-panel',
  imports: [DescribeErrorPipe, WhenPipe, ReactiveFormsModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, MatSelectModule, FieldError, FormMessages],
  template: `
    <section aria-labelledby="releases-heading">
      <h3 id="releases-heading">Releases of information</h3>
      <div role="status" aria-live="polite" class="status">{{ status() }}</div>
      @if (list.error(); as error) {
        <p role="alert">Could not load the releases: {{ error | describeError }}</p>
      } @else if (releases().length) {
        <ul class="releases">
          @for (r of releases(); track r.id) {
            <li>
              <strong>To {{ r.recipient }}</strong> — {{ r.purpose }}
              <span class="meta">{{ contents(r) }} · {{ r.from | when }}–{{ r.to | when }} · expires {{ r.expiresOn | when }}</span>
              <span class="state" [attr.data-status]="r.status">{{ statusText(r) }}</span>
              @if (r.status === 'authorised') {
                <button mat-stroked-button type="button" (click)="download(r, 'report')">Export report</button>
                @if (r.includes.includes('measures')) {
                  <button mat-button type="button" (click)="download(r, 'fhir')">Export FHIR</button>
                }
              }
            </li>
          }
        </ul>
      } @else if (list.hasValue()) {
        <p class="empty">No releases yet.</p>
      }
      <app-form-messages [messages]="messages()" heading="Not done:" />
      <form [formGroup]="form" (ngSubmit)="create()" aria-labelledby="new-release-heading">
        <h4 id="new-release-heading">New release</h4>
        <mat-form-field class="wide">
          <mat-label>Recipient</mat-label>
          <input matInput formControlName="recipient" required />
          @if (form.controls.recipient.invalid) {
            <mat-error><app-field-error [control]="form.controls.recipient" label="The recipient" /></mat-error>
          }
        </mat-form-field>
        <mat-form-field class="wide">
          <mat-label>Purpose</mat-label>
          <input matInput formControlName="purpose" required />
          @if (form.controls.purpose.invalid) {
            <mat-error><app-field-error [control]="form.controls.purpose" label="The purpose" /></mat-error>
          }
        </mat-form-field>
        <fieldset formGroupName="includes">
          <legend>It includes</legend>
          @for (c of contentKeys; track c) {
            <mat-checkbox [formControlName]="c">{{ contentLabels[c] }}</mat-checkbox>
          }
          <p class="hint">Messages: the joint thread when both partners sign; one partner's own private thread when the release is theirs
            only. Never the other partner's private thread.</p>
        </fieldset>
        <mat-form-field>
          <mat-label>Period from</mat-label>
          <input matInput type="date" formControlName="from" required />
        </mat-form-field>
        <mat-form-field>
          <mat-label>to</mat-label>
          <input matInput type="date" formControlName="to" required />
          @if (form.controls.to.invalid) {
            <mat-error><app-field-error [control]="form.controls.to" label="The end" /></mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>Expires on</mat-label>
          <input matInput type="date" formControlName="expiresOn" required />
          @if (form.controls.expiresOn.invalid) {
            <mat-error><app-field-error [control]="form.controls.expiresOn" label="The expiry" /></mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>Whose record</mat-label>
          <mat-select formControlName="partnerId">
            <mat-option [value]="null">Both partners</mat-option>
            @for (p of partners(); track p.id) {
              <mat-option [value]="p.id">{{ p.firstName }} only (their scores, their private messages)</mat-option>
            }
          </mat-select>
          @if (form.controls.partnerId.invalid) {
            <mat-error><app-field-error [control]="form.controls.partnerId" label="Whose record" /></mat-error>
          }
        </mat-form-field>
        <button mat-stroked-button type="submit" [disabled]="busy()">Send for signature</button>
      </form>
    </section>
  `,
  styles: `
    .releases { padding: 0; list-style: none; }
    .releases li { padding: 0.5rem 0; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .meta, .state { display: block; font-size: 0.875rem; color: var(--mat-sys-on-surface-variant); }
    .state[data-status='authorised'] { color: var(--mat-sys-primary); }
    form { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: baseline; }
    form h4, fieldset { flex-basis: 100%; margin: 0.5rem 0 0; }
    fieldset { border: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0 1rem; }
    legend { font-weight: 500; }
    .hint { flex-basis: 100%; margin: 0.25rem 0 0; font-size: 0.875rem; color: var(--mat-sys-on-surface-variant); }
    .wide { min-width: min(18rem, 100%); flex: 1; }
    .status:empty { display: none; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReleasesPanel {
  private readonly api = inject(AgreementsApi);
  private readonly files = inject(FileDownload);

  readonly coupleId = input.required<string>();
  readonly partners = input.required<Partner[]>();

  protected readonly list = httpResource<ReleaseList>(() => `/api/couples/${encodeURIComponent(this.coupleId())}/releases`);
  protected readonly releases = computed(() => (this.list.hasValue() ? this.list.value().items : []));
  protected readonly form = buildReleaseForm();
  protected readonly contentLabels = RELEASE_CONTENT_LABELS;
  protected readonly contentKeys = Object.keys(RELEASE_CONTENT_LABELS) as ReleaseContent[];
  protected readonly busy = signal(false);
  protected readonly messages = signal<string[]>([]);
  protected readonly status = signal('');

  protected contents(r: Release): string {
    return r.includes.map((c) => RELEASE_CONTENT_LABELS[c]).join(', ');
  }

  protected statusText(r: Release): string {
    const waiting = r.signers.filter((s) => !s.signed).map((s) => s.firstName);
    switch (r.status) {
      case 'pending':
        return `Waiting for ${waiting.join(' and ')} to sign`;
      case 'authorised':
        return 'Signed by ' + r.signers.map((s) => s.firstName).join(' and ');
      case 'revoked':
        return `Revoked ${r.revokedAt ? formatWhen(r.revokedAt) : ''}${r.revokeReason ? ': “' + r.revokeReason + '”' : ''}`;
      default:
        return 'Expired';
    }
  }

  protected async create(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const v = this.form.getRawValue();
    const includes = this.contentKeys.filter((c) => v.includes[c]);
    this.busy.set(true);
    this.messages.set([]);
    try {
      const release = await firstValueFrom(
        this.api.createRelease(this.coupleId(), { recipient: v.recipient, purpose: v.purpose, includes, from: v.from, to: v.to, expiresOn: v.expiresOn, partnerId: v.partnerId }),
      );
      this.status.set(`Release to ${release.recipient} sent for signature.`);
      this.form.reset(buildReleaseForm().getRawValue());
      this.list.reload();
    } catch (error) {
      this.messages.set(applyServerErrors(error, this.form).formMessages);
    } finally {
      this.busy.set(false);
    }
  }

  protected async download(r: Release, format: 'report' | 'fhir'): Promise<void> {
    try {
      await this.files.save(`/api/couples/${encodeURIComponent(this.coupleId())}/releases/${encodeURIComponent(r.id)}/export`, { format },
        format === 'fhir' ? 'release.fhir.json' : 'release-report.json');
      this.status.set('Exported. The export is on the audit trail with this release.');
    } catch (error) {
      this.messages.set([describeError(error)]);
    }
  }
}
