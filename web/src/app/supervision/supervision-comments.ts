import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { describeError } from '../core/api/problem-details';
import { SupervisionApi, SupervisionComment } from '../core/api/supervision-api';
import { FieldError } from '../shared/ui/field-error';
import { WhenPipe } from '../shared/ui/when';

/**
 * The comments between supervisor and supervisee on one session, oldest first, with a box to add one. Both sides see
 * the same thread; nobody else does, and it never reaches the couple's portal, exports or releases.
 */
@Component({
  selector: 'app-supervision-comments',
  imports: [ReactiveFormsModule, DescribeErrorPipe, WhenPipe, MatButtonModule, MatFormFieldModule, MatInputModule, FieldError],
  template: `
    <section class="comments" aria-labelledby="supervision-comments-heading">
      <h2 id="supervision-comments-heading">Supervision comments</h2>
      <p class="hint">Seen only by the therapist and their supervisor — never by the couple, and never in an export or release.</p>
      @if (comments.error(); as e) {
        <p role="alert">Could not load the comments: {{ e | describeError }}</p>
      } @else if (list().length) {
        <ol class="thread">
          @for (c of list(); track c.id) {
            <li [class.supervisor]="c.authorRole === 'supervisor'">
              <p class="meta">{{ c.authorName }} ({{ c.authorRole === 'supervisor' ? 'supervisor' : 'therapist' }}), {{ c.createdAt | when: 'dateTime' }}</p>
              <p class="text">{{ c.text }}</p>
            </li>
          }
        </ol>
      } @else if (comments.hasValue()) {
        <p class="empty">No comments yet.</p>
      }
      <form [formGroup]="form" (ngSubmit)="add()" novalidate>
        <mat-form-field appearance="outline">
          <mat-label>Comment</mat-label>
          <textarea matInput formControlName="text" rows="3" required></textarea>
          <mat-error><app-field-error [control]="text" label="Comment" /></mat-error>
        </mat-form-field>
        <div class="page-actions">
          <button mat-flat-button type="submit" [disabled]="saving()">Add comment</button>
        </div>
      </form>
      <p role="status">{{ status() }}</p>
    </section>
  `,
  styles: `
    .hint { color: var(--mat-sys-on-surface-variant); }
    .thread { list-style: none; padding: 0; }
    .thread li { border-left: 4px solid var(--mat-sys-outline-variant); padding: var(--space-1) var(--space-3); margin-bottom: var(--space-3); }
    .thread li.supervisor { border-left-color: var(--mat-sys-tertiary); }
    .meta { font-weight: 500; margin: 0; }
    .text { white-space: pre-wrap; margin: 0; overflow-wrap: anywhere; }
    mat-form-field { width: 100%; }
    h2 { font-size: 1.25rem; font-weight: 500; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SupervisionComments {
  private readonly api = inject(SupervisionApi);

  readonly sessionId = input.required<string>();

  protected readonly comments = httpResource<SupervisionComment[]>(
    () => `/api/sessions/${encodeURIComponent(this.sessionId())}/supervision-comments`,
  );
  protected readonly list = computed(() => (this.comments.hasValue() ? this.comments.value() : []));
  protected readonly text = new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(4000)] });
  protected readonly form = new FormGroup({ text: this.text });
  protected readonly saving = signal(false);
  protected readonly status = signal('');
  /** One key per comment, reused if the same submission is retried. */
  private key = crypto.randomUUID();

  protected async add(): Promise<void> {
    this.text.markAsTouched();
    const text = this.text.value.trim();
    if (!text) {
      this.text.setErrors({ required: true });
      return;
    }
    this.saving.set(true);
    this.status.set('');
    try {
      const added = await firstValueFrom(this.api.addComment(this.sessionId(), text, this.key));
      this.key = crypto.randomUUID();
      this.comments.update((list) => [...(list ?? []).filter((c) => c.id !== added.id), added]);
      this.text.reset('');
      this.status.set('Comment added.');
    } catch (error) {
      this.status.set(`The comment was not added. ${describeError(error)}`);
    } finally {
      this.saving.set(false);
    }
  }
}
