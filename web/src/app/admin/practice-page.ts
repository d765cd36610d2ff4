import { WhenPipe } from '../shared/ui/when';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';
import { applyServerErrors, describeError } from '../core/api/problem-details';
import { PracticeApi } from '../core/api/practice-api';
import { PracticeSettings } from '../core/api/practice-types';
import { FormMessages } from '../shared/ui/form-messages';

export const CRISIS_MAX_LENGTH = 2000;
export const NOTICE_MAX_LENGTH = 1000;

/**
 * The practice's settings (admin). The crisis text is what a partner sees first after a PHQ-9 with
 * item 9 above 0, after a check-in, and behind "Need help now?" on every portal page.
 */
@Component({
  selector: 'app-practice-page',
  imports: [WhenPipe, ReactiveFormsModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, FormMessages],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Practice settings</h1>
    @if (loadError()) {
      <p role="alert">Could not load the settings: {{ loadError() }}</p>
    } @else if (!settings()) {
      <p role="status">Loading…</p>
    } @else {
      <form [formGroup]="form" (ngSubmit)="save()" novalidate>
        <h2>Crisis resources</h2>
        <p>
          What a partner sees first when they may be in crisis: after answering PHQ-9 item 9 above 0, after every check-in,
          and under <em>Need help now?</em> on every portal page. Write Markdown: <code>**bold**</code>, lists, and links
          such as <code>[116 123](tel:116123)</code>. Name a local emergency number and the crisis lines where your clients live.
        </p>
        <app-form-messages [messages]="messages()" heading="Not saved:" />
        <mat-form-field class="wide">
          <mat-label>Crisis text (Markdown)</mat-label>
          <textarea matInput rows="10" formControlName="crisisResources" [attr.maxlength]="maxLength"></textarea>
          <mat-hint align="end">{{ form.controls.crisisResources.value.length }} / {{ maxLength }}</mat-hint>
          @if (form.controls.crisisResources.errors?.['server']; as server) {
            <mat-error>{{ server }}</mat-error>
          } @else if (form.controls.crisisResources.invalid) {
            <mat-error>Give the crisis text a partner sees, at most {{ maxLength }} characters.</mat-error>
          }
        </mat-form-field>
        <h2>Record retention</h2>
        <p>
          How long a closed couple's record is kept after its closing date before it may be purged (commonly 6 to 10 years,
          depending on where you practise). A legal hold keeps a record longer; see <em>Retention</em>.
        </p>
        <mat-form-field>
          <mat-label>Years kept after closing</mat-label>
          <input matInput type="number" inputmode="numeric" min="1" max="30" formControlName="retentionYears" />
          @if (form.controls.retentionYears.errors?.['server']; as server) {
            <mat-error>{{ server }}</mat-error>
          } @else if (form.controls.retentionYears.invalid) {
            <mat-error>Between 1 and 30 years.</mat-error>
          }
        </mat-form-field>
        <h2>Messages</h2>
        <p>
          Partners can write to their therapist between sessions: in the couple's joint thread and each in a private
          thread. Turned off, nothing new can be sent and every thread stays readable. The notice is shown above every
          thread, with the crisis text: say when messages are read and that they are not for emergencies.
        </p>
        <mat-checkbox formControlName="messagingEnabled">Partners and therapists can send messages</mat-checkbox>
        <mat-form-field class="wide">
          <mat-label>Notice above every thread</mat-label>
          <textarea matInput rows="3" formControlName="messagingNotice" [attr.maxlength]="noticeMaxLength"></textarea>
          <mat-hint align="end">{{ form.controls.messagingNotice.value.length }} / {{ noticeMaxLength }}</mat-hint>
          @if (form.controls.messagingNotice.errors?.['server']; as server) {
            <mat-error>{{ server }}</mat-error>
          } @else if (form.controls.messagingNotice.invalid) {
            <mat-error>Say when messages are read, in at most {{ noticeMaxLength }} characters.</mat-error>
          }
        </mat-form-field>
        <p class="saved" role="status">
          @if (status()) { {{ status() }} }
          @else if (settings()!.updatedAt) { Last saved {{ settings()!.updatedAt | when: 'dateTime' }}. }
        </p>
        <button mat-flat-button type="submit" [disabled]="saving()">{{ saving() ? 'Saving…' : 'Save' }}</button>
      </form>
    }
  `,
  styles: `
    form { max-width: 720px; }
    .wide { width: 100%; }
  `,
})
export class PracticePage implements OnInit {
  private readonly api = inject(PracticeApi);
  protected readonly maxLength = CRISIS_MAX_LENGTH;
  protected readonly noticeMaxLength = NOTICE_MAX_LENGTH;
  protected readonly settings = signal<PracticeSettings | null>(null);
  protected readonly loadError = signal('');
  protected readonly messages = signal<string[]>([]);
  protected readonly status = signal('');
  protected readonly saving = signal(false);
  protected readonly form = new FormGroup({
    crisisResources: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(CRISIS_MAX_LENGTH), Validators.pattern(/\S/)],
    }),
    retentionYears: new FormControl(7, { nonNullable: true, validators: [Validators.required, Validators.min(1), Validators.max(30)] }),
    messagingEnabled: new FormControl(true, { nonNullable: true }),
    messagingNotice: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(NOTICE_MAX_LENGTH), Validators.pattern(/\S/)],
    }),
  });

  private static formValue(s: PracticeSettings) {
    return { crisisResources: s.crisisResources, retentionYears: s.retentionYears, messagingEnabled: s.messagingEnabled, messagingNotice: s.messagingNotice };
  }

  async ngOnInit(): Promise<void> {
    await this.load();
  }

  private async load(): Promise<void> {
    try {
      const settings = await firstValueFrom(this.api.settings());
      this.settings.set(settings);
      this.form.reset(PracticePage.formValue(settings));
    } catch (error) {
      this.loadError.set(describeError(error));
    }
  }

  protected async save(): Promise<void> {
    const current = this.settings();
    if (!current) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      const { crisisResources, retentionYears } = this.form.controls;
      this.messages.set([crisisResources.invalid ? 'Check the crisis text.' : retentionYears.invalid ? 'Check the years kept after closing.'
        : 'Check the notice above every thread.']);
      return;
    }
    this.saving.set(true);
    this.messages.set([]);
    this.status.set('');
    try {
      const { crisisResources, retentionYears, messagingEnabled, messagingNotice } = this.form.getRawValue();
      const saved = await firstValueFrom(this.api.save({
        version: current.version, crisisResources, retentionYears: Number(retentionYears), messagingEnabled, messagingNotice,
      }));
      this.settings.set(saved);
      this.form.reset(PracticePage.formValue(saved));
      this.status.set('Saved. Partners see the new text, and the retention list counts the new period, from now on.');
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 409) {
        this.messages.set(['Someone else changed the settings since you opened this page. Their version is shown now; make your change again.']);
        await this.load();
      } else {
        this.messages.set(applyServerErrors(error, this.form).formMessages);
      }
    } finally {
      this.saving.set(false);
    }
  }
}
