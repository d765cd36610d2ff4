import { HttpErrorResponse, httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, DOCUMENT, effect, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { applyServerErrors } from '../core/api/problem-details';
import { Conceptualisation, ConceptualisationSections, ConceptualisationVersion, SupervisionApi } from '../core/api/supervision-api';
import { CoupleContext } from '../couple/workspace/couple-context';
import { FieldError } from '../shared/ui/field-error';
import { FormMessages } from '../shared/ui/form-messages';
import { WhenPipe } from '../shared/ui/when';
import { SupervisingBanner } from './supervising-banner';

type SectionKey = keyof ConceptualisationSections;

/** The sections in the order a certification's case write-up reads, each with its heading. */
export const CONCEPTUALISATION_SECTIONS: readonly { key: SectionKey; label: string }[] = [
  { key: 'presentingConcerns', label: 'Presenting concerns' },
  { key: 'attachment', label: 'Attachment (each partner, ECR-RS)' },
  { key: 'cycle', label: 'The cycle' },
  { key: 'progress', label: 'Stage and step progress' },
  { key: 'changeEvents', label: 'Key change events' },
  { key: 'tangoMoves', label: 'Tango moves used' },
  { key: 'measures', label: 'Measures, first and latest' },
  { key: 'goals', label: 'Current goals' },
  { key: 'formulation', label: 'Formulation' },
];

const MAX = 8000;

/**
 * The couple's case conceptualisation (DESIGN §18): drafted from the record until the first save, then versions the
 * therapist edits, saves and prints; each section can be refilled from the record as it is now. In the workspace it is
 * the therapist's to edit; under `/supervision/couples/:id/conceptualisation` the supervisor reads it (`readOnly`).
 * It never reaches the portal.
 */
@Component({
  selector: 'app-conceptualisation-page',
  imports: [ReactiveFormsModule, RouterLink, DescribeErrorPipe, WhenPipe, MatButtonModule, MatFormFieldModule, MatInputModule, FieldError,
    FormMessages, SupervisingBanner],
  template: `
    @if (readOnly()) {
      <app-supervising-banner [coupleId]="coupleId()" />
      <p class="no-print"><a [routerLink]="['/supervision/couples', coupleId()]">Back to the couple</a></p>
    }
    @if (readOnly()) {
      <h1 class="title">Case conceptualisation</h1>
    } @else {
      <h2 class="title">Case conceptualisation</h2>
    }
    @if (resource.error(); as e) {
      <p role="alert">Could not load the conceptualisation: {{ e | describeError }}</p>
    } @else if (resource.hasValue()) {
      @let c = resource.value();
      <p class="state" role="note">
        @if (c.draft) {
          Draft written from the record — not saved yet.
        } @else {
          Version {{ c.version }}, saved by {{ c.savedByName }} on {{ c.savedAt | when: 'dateTime' }}.
        }
      </p>
      <div class="page-actions no-print">
        <button mat-stroked-button type="button" (click)="print()">Print</button>
      </div>

      @if (readOnly()) {
        @for (s of sections; track s.key) {
          <section class="read">
            <h3>{{ s.label }}</h3>
            <p class="text">{{ c.sections[s.key] || 'Not written.' }}</p>
          </section>
        }
      } @else {
        <app-form-messages [messages]="errors()" heading="The conceptualisation was not saved" />
        <form [formGroup]="form" (ngSubmit)="save()" novalidate class="no-print">
          @for (s of sections; track s.key) {
            <section class="edit">
              <mat-form-field appearance="outline">
                <mat-label>{{ s.label }}</mat-label>
                <textarea matInput [formControlName]="s.key" [rows]="s.key === 'formulation' ? 8 : 5"></textarea>
                <mat-error><app-field-error [control]="form.controls[s.key]" [label]="s.label" /></mat-error>
              </mat-form-field>
              @if (c.record && c.record.drafted[s.key] !== form.controls[s.key].value && c.record.drafted[s.key]) {
                <button mat-button type="button" (click)="refill(s.key)">Refill “{{ s.label }}” from the record</button>
              }
            </section>
          }
          <div class="page-actions">
            <button mat-flat-button type="submit" [disabled]="saving()">Save version</button>
          </div>
        </form>
        <div class="print-only">
          @for (s of sections; track s.key) {
            <section class="read">
              <h3>{{ s.label }}</h3>
              <p class="text">{{ form.controls[s.key].value || 'Not written.' }}</p>
            </section>
          }
        </div>
      }
      <p role="status">{{ status() }}</p>

      <section class="history no-print" aria-labelledby="history-heading">
        <h3 id="history-heading">History</h3>
        @if (versions.hasValue()) {
          @if (versions.value().length === 0) {
            <p class="empty">No version saved yet.</p>
          } @else {
            <ul>
              @for (v of versions.value(); track v.version) {
                <li>
                  <details>
                    <summary>Version {{ v.version }} — {{ v.savedByName }}, {{ v.savedAt | when: 'dateTime' }}</summary>
                    @for (s of sections; track s.key) {
                      <h4>{{ s.label }}</h4>
                      <p class="text">{{ v.sections[s.key] || 'Not written.' }}</p>
                    }
                  </details>
                </li>
              }
            </ul>
          }
        }
      </section>
    } @else {
      <p role="status">Loading…</p>
    }
  `,
  styles: `
    .state { border-left: 4px solid var(--mat-sys-primary); background: var(--mat-sys-surface-container); padding: var(--space-2) var(--space-4); }
    mat-form-field { width: 100%; }
    section.edit { margin-bottom: var(--space-2); }
    .text { white-space: pre-wrap; overflow-wrap: anywhere; }
    h3 { font-size: 1.1rem; font-weight: 500; }
    h4 { font-size: 1rem; font-weight: 500; margin-bottom: 0; }
    .history ul { list-style: none; padding: 0; }
    .history li { border-bottom: 1px solid var(--mat-sys-outline-variant); padding: var(--space-2) 0; }
    .print-only { display: none; }
    @media print {
      .print-only { display: block; }
      section.read { break-inside: avoid; }
      .title { font-size: 1.4rem; }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConceptualisationPage {
  private readonly api = inject(SupervisionApi);
  private readonly document = inject(DOCUMENT);
  private readonly context = inject(CoupleContext, { optional: true });

  /** Route parameter `:id` (the supervisor's route); in the workspace the couple comes from its context. */
  readonly id = input<string>();
  /** Route data: the supervisor's read-only view. */
  readonly readOnly = input(false);

  protected readonly coupleId = computed(() => this.id() ?? this.context?.id() ?? '');
  protected readonly sections = CONCEPTUALISATION_SECTIONS;
  protected readonly resource = httpResource<Conceptualisation>(() =>
    this.coupleId() ? `/api/couples/${encodeURIComponent(this.coupleId())}/conceptualisation` : undefined,
  );
  protected readonly versions = httpResource<ConceptualisationVersion[]>(() =>
    this.coupleId() ? `/api/couples/${encodeURIComponent(this.coupleId())}/conceptualisation/versions` : undefined,
  );

  protected readonly form = new FormGroup(
    Object.fromEntries(CONCEPTUALISATION_SECTIONS.map((s) => [s.key, new FormControl('', { nonNullable: true, validators: [Validators.maxLength(MAX)] })])) as Record<
      SectionKey,
      FormControl<string>
    >,
  );
  protected readonly saving = signal(false);
  protected readonly errors = signal<string[]>([]);
  protected readonly status = signal('');

  constructor() {
    // What was read goes into the form once per version read (a save's answer is the new version).
    let filled: string | null = null;
    effect(() => {
      if (!this.resource.hasValue()) return;
      const c = this.resource.value();
      const key = `${c.coupleId}:${c.version}`;
      if (key === filled) return;
      filled = key;
      this.form.reset(c.sections);
    });
  }

  protected refill(key: SectionKey): void {
    const drafted = this.resource.hasValue() ? this.resource.value().record?.drafted[key] : undefined;
    if (drafted !== undefined) this.form.controls[key].setValue(drafted);
    this.form.controls[key].markAsDirty();
  }

  protected print(): void {
    this.document.defaultView?.print();
  }

  protected async save(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid || !this.resource.hasValue()) return;
    this.saving.set(true);
    this.errors.set([]);
    this.status.set('');
    try {
      const saved = await firstValueFrom(this.api.saveConceptualisation(this.coupleId(), this.resource.value().version, this.form.getRawValue()));
      this.resource.set(saved);
      this.versions.reload();
      this.status.set(`Version ${saved.version} saved.`);
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 409) {
        this.errors.set(['Someone saved this conceptualisation since you opened it. Copy your changes, reload the page, then save again.']);
      } else {
        this.errors.set(applyServerErrors(error, new FormGroup({ sections: this.form })).formMessages);
      }
    } finally {
      this.saving.set(false);
    }
  }
}
