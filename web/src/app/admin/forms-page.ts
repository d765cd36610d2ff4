import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';
import { IntakeFormList, IntakeFormSummary } from '../core/api/agreement-types';
import { AgreementsApi } from '../core/api/agreements-api';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { applyServerErrors } from '../core/api/problem-details';
import { FieldError } from '../shared/ui/field-error';
import { FormMessages } from '../shared/ui/form-messages';

export const SAMPLE_SECTIONS = JSON.stringify(
  [
    {
      key: 'about',
      title: 'About you',
      fields: [
        { name: 'occupation', label: 'What do you do for work?', type: 'text', required: false, maxLength: 200 },
        { name: 'sleepQuality', label: 'How well have you slept this month?', type: 'integer', required: true, min: 0, max: 10, hint: '0 = very badly, 10 = very well' },
      ],
    },
  ],
  null,
  2,
);

/**
 * Intake forms (admin): the shipped couples intake and the practice's own. A form is written as the catalogue
 * files are — sections of fields in the homework entry field types — and checked by the same rules; a change to
 * a form is its next version, and forms already sent keep theirs.
 */
@Component({
  selector: 'app-forms-page',
  imports: [DescribeErrorPipe, ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, FieldError, FormMessages],
  template: `
    <h1>Intake forms</h1>
    <div role="status" aria-live="polite" class="status">{{ status() }}</div>
    @if (list.error(); as error) {
      <p role="alert">Could not load the forms: {{ error | describeError }}</p>
    } @else if (list.hasValue()) {
      <ul class="forms">
        @for (f of list.value().items; track f.code) {
          <li>
            <strong>{{ f.title }}</strong> <code>{{ f.code }}</code>
            <span class="meta">version {{ f.version }} · {{ f.sectionCount }} sections, {{ f.fieldCount }} questions · {{ f.source === 'catalogue' ? 'shipped with Clinic' : "the practice's own" }}</span>
            <button mat-button type="button" (click)="newVersion(f)">New version</button>
          </li>
        }
      </ul>
    }
    <form [formGroup]="form" (ngSubmit)="save()" aria-labelledby="form-editor-heading">
      <h2 id="form-editor-heading">{{ basedOn() ? 'Version ' + (basedOn()! + 1) + ' of ' + form.controls.code.value : 'A new form' }}</h2>
      <app-form-messages [messages]="messages()" heading="Not saved:" />
      <mat-form-field>
        <mat-label>Code</mat-label>
        <input matInput formControlName="code" required />
        <mat-hint>Lower-case words joined by hyphens, e.g. individual-history</mat-hint>
        @if (form.controls.code.invalid) {
          <mat-error><app-field-error [control]="form.controls.code" label="The code" /></mat-error>
        }
      </mat-form-field>
      <mat-form-field class="wide">
        <mat-label>Title</mat-label>
        <input matInput formControlName="title" required />
        @if (form.controls.title.invalid) {
          <mat-error><app-field-error [control]="form.controls.title" label="The title" /></mat-error>
        }
      </mat-form-field>
      <mat-form-field class="wide">
        <mat-label>Introduction (optional)</mat-label>
        <input matInput formControlName="intro" />
      </mat-form-field>
      <mat-form-field class="wide">
        <mat-label>Sections (JSON)</mat-label>
        <textarea matInput formControlName="sections" rows="18" class="code" required></textarea>
        <mat-hint>Field types: text (maxLength), integer (min, max), boolean, choice (options). Names are camelCase and unique.</mat-hint>
        @if (form.controls.sections.invalid) {
          <mat-error><app-field-error [control]="form.controls.sections" label="The sections" /></mat-error>
        }
      </mat-form-field>
      <button mat-flat-button type="submit" [disabled]="busy()">Save form</button>
    </form>
  `,
  styles: `
    :host { display: block; max-width: 60rem; }
    .forms { list-style: none; padding: 0; }
    .forms li { padding: 0.5rem 0; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .meta { display: block; font-size: 0.875rem; color: var(--mat-sys-on-surface-variant); }
    form { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; }
    form h2 { flex-basis: 100%; }
    .wide { width: 100%; }
    .code { font-family: monospace; }
    .status:empty { display: none; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FormsPage {
  private readonly api = inject(AgreementsApi);

  protected readonly list = httpResource<IntakeFormList>(() => '/api/forms');
  protected readonly basedOn = signal<number | null>(null);
  protected readonly form = new FormGroup({
    code: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(60)] }),
    title: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(200)] }),
    intro: new FormControl('', { nonNullable: true, validators: Validators.maxLength(4000) }),
    sections: new FormControl(SAMPLE_SECTIONS, { nonNullable: true, validators: Validators.required }),
  });
  protected readonly busy = signal(false);
  protected readonly messages = signal<string[]>([]);
  protected readonly status = signal('');

  protected async newVersion(summary: IntakeFormSummary): Promise<void> {
    const form = await firstValueFrom(this.api.form(summary.code));
    this.form.reset({ code: form.code, title: form.title, intro: form.intro ?? '', sections: JSON.stringify(form.sections, null, 2) });
    this.basedOn.set(form.version);
  }

  protected async save(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const { code, title, intro, sections } = this.form.getRawValue();
    let parsed: unknown;
    try {
      parsed = JSON.parse(sections);
    } catch {
      this.form.controls.sections.setErrors({ server: 'This is not valid JSON.' });
      return;
    }
    this.busy.set(true);
    this.messages.set([]);
    try {
      const saved = await firstValueFrom(
        this.api.createForm({ code, title, intro: intro || null, sections: parsed as never, basedOnVersion: this.basedOn() }),
      );
      this.status.set(`${saved.title}: version ${saved.version} saved.`);
      this.basedOn.set(null);
      this.form.reset({ code: '', title: '', intro: '', sections: SAMPLE_SECTIONS });
      this.list.reload();
    } catch (error) {
      const { formMessages, fieldCount } = applyServerErrors(error, this.form);
      this.messages.set(fieldCount && !formMessages.length ? [] : formMessages);
    } finally {
      this.busy.set(false);
    }
  }
}
