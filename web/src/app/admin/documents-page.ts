import { LowerCasePipe } from '@angular/common';
import { WhenPipe } from '../shared/ui/when';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';
import { DOCUMENT_KIND_LABELS, DocumentKind, DocumentList, PracticeDocument } from '../core/api/agreement-types';
import { AgreementsApi } from '../core/api/agreements-api';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { applyServerErrors } from '../core/api/problem-details';
import { FieldError } from '../shared/ui/field-error';
import { FormMessages } from '../shared/ui/form-messages';

/** The editor's target: a kind the practice has no document for yet, or a document to publish a new version of. */
type Editing = { kind: DocumentKind; document: PracticeDocument | null };

/**
 * The practice's documents (admin): consent, confidentiality policy, telehealth consent and release, in Markdown.
 * A published version never changes: editing publishes the next version, and agreements already sent keep theirs.
 */
@Component({
  selector: 'app-documents-page',
  imports: [DescribeErrorPipe, WhenPipe, LowerCasePipe, ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, FieldError, FormMessages],
  template: `
    <h1>Documents</h1>
    <p>What partners read and sign. Write in Markdown; raw HTML is shown as text. Each change is published as a new version.</p>
    <div role="status" aria-live="polite" class="status">{{ status() }}</div>
    @if (list.error(); as error) {
      <p role="alert">Could not load the documents: {{ error | describeError }}</p>
    } @else if (list.hasValue()) {
      <ul class="documents">
        @for (kind of kinds; track kind) {
          @let d = byKind()[kind];
          <li>
            <h2>{{ labels[kind] }}</h2>
            @if (d) {
              <p>{{ d.title }} · version {{ d.currentVersion }} · published {{ d.current.publishedAt | when }}</p>
              <details>
                <summary>Read version {{ d.currentVersion }}</summary>
                <article class="document" [innerHTML]="d.current.html"></article>
              </details>
              <button mat-stroked-button type="button" (click)="edit(kind, d)">Publish a new version</button>
            } @else {
              <p class="missing">Not written yet: agreements of this kind cannot be sent.</p>
              <button mat-flat-button type="button" (click)="edit(kind, null)">Write it</button>
            }
          </li>
        }
      </ul>
    }
    @if (editing(); as e) {
      <form [formGroup]="form" (ngSubmit)="save()" aria-labelledby="editor-heading">
        <h2 id="editor-heading">{{ e.document ? 'Version ' + (e.document.currentVersion + 1) + ' of ' : 'New ' }}{{ labels[e.kind] | lowercase }}</h2>
        <app-form-messages [messages]="messages()" heading="Not published:" />
        <mat-form-field class="wide">
          <mat-label>Title</mat-label>
          <input matInput formControlName="title" required />
          @if (form.controls.title.invalid) {
            <mat-error><app-field-error [control]="form.controls.title" label="The title" /></mat-error>
          }
        </mat-form-field>
        <mat-form-field class="wide">
          <mat-label>Text (Markdown)</mat-label>
          <textarea matInput formControlName="body" rows="16" required></textarea>
          @if (form.controls.body.invalid) {
            <mat-error><app-field-error [control]="form.controls.body" label="The text" /></mat-error>
          }
        </mat-form-field>
        <button mat-flat-button type="submit" [disabled]="busy()">Publish</button>
        <button mat-button type="button" (click)="editing.set(null)">Cancel</button>
      </form>
    }
  `,
  styles: `
    :host { display: block; max-width: 60rem; }
    .documents { list-style: none; padding: 0; }
    .documents li { border-bottom: 1px solid var(--mat-sys-outline-variant); padding: 0.5rem 0 1rem; }
    .documents h2 { font-size: 1.1rem; margin-bottom: 0.25rem; }
    .missing { color: var(--mat-sys-error); }
    .document { border-left: 3px solid var(--mat-sys-outline-variant); padding: 0 1rem; }
    .wide { width: 100%; }
    .status:empty { display: none; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DocumentsPage {
  private readonly api = inject(AgreementsApi);

  protected readonly list = httpResource<DocumentList>(() => '/api/admin/documents');
  protected readonly kinds = Object.keys(DOCUMENT_KIND_LABELS) as DocumentKind[];
  protected readonly labels = DOCUMENT_KIND_LABELS;
  protected readonly byKind = computed(
    () => Object.fromEntries((this.list.hasValue() ? this.list.value().items : []).map((d) => [d.kind, d])) as Partial<Record<DocumentKind, PracticeDocument>>,
  );
  protected readonly editing = signal<Editing | null>(null);
  protected readonly form = new FormGroup({
    title: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(200)] }),
    body: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(100_000)] }),
  });
  protected readonly busy = signal(false);
  protected readonly messages = signal<string[]>([]);
  protected readonly status = signal('');

  protected edit(kind: DocumentKind, document: PracticeDocument | null): void {
    this.form.reset({ title: document?.title ?? DOCUMENT_KIND_LABELS[kind], body: document?.current.body ?? '' });
    this.messages.set([]);
    this.editing.set({ kind, document });
  }

  protected async save(): Promise<void> {
    const editing = this.editing();
    this.form.markAllAsTouched();
    if (!editing || this.form.invalid) return;
    const { title, body } = this.form.getRawValue();
    this.busy.set(true);
    this.messages.set([]);
    try {
      const saved = await firstValueFrom(
        editing.document
          ? this.api.publishVersion(editing.document.id, editing.document.currentVersion, title, body)
          : this.api.createDocument(editing.kind, title, body),
      );
      this.status.set(`${saved.title}: version ${saved.currentVersion} published.`);
      this.editing.set(null);
      this.list.reload();
    } catch (error) {
      this.messages.set(applyServerErrors(error, this.form).formMessages);
    } finally {
      this.busy.set(false);
    }
  }
}
