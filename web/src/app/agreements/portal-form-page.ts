import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, input, signal, viewChild } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { FormAnswer, IntakeFormSection, PortalIntakeForm } from '../core/api/agreement-types';
import { AgreementsApi } from '../core/api/agreements-api';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { applyServerErrors } from '../core/api/problem-details';
import { FieldDefinition } from '../core/api/homework-types';
import { fieldValidators } from '../homework/entry-fields';
import { FieldError } from '../shared/ui/field-error';
import { FormMessages } from '../shared/ui/form-messages';

type AnswerGroup = FormGroup<Record<string, FormControl<FormAnswer>>>;

/** One section's controls, filled from the answers so far. */
export function buildSectionForm(section: IntakeFormSection, answers: Record<string, unknown>): AnswerGroup {
  const group: AnswerGroup = new FormGroup({});
  for (const field of section.fields as FieldDefinition[]) {
    const value = (answers[field.name] ?? (field.type === 'text' ? '' : null)) as FormAnswer;
    group.addControl(field.name, new FormControl<FormAnswer>(value, fieldValidators(field)));
  }
  return group;
}

/** What a section sends: text trimmed, an empty optional answer as null (which clears it from the draft). */
export function sectionAnswers(group: AnswerGroup, fields: FieldDefinition[]): Record<string, FormAnswer> {
  const answers: Record<string, FormAnswer> = {};
  for (const field of fields) {
    const value = group.controls[field.name].value;
    answers[field.name] = typeof value === 'string' ? (value.trim() === '' ? null : value.trim()) : value;
  }
  return answers;
}

/**
 * An intake form in the portal, one section at a time. Each "Next" keeps the section's answers on the server
 * (never in the browser), so the partner can stop and come back on any device; the last step sends the form.
 * The answers are for the partner and their therapist only.
 */
@Component({
  selector: 'app-portal-form-page',
  imports: [DescribeErrorPipe, ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, MatRadioModule, FieldError, FormMessages],
  templateUrl: './portal-form-page.html',
  styleUrl: './portal-form-page.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalFormPage {
  private readonly api = inject(AgreementsApi);
  private readonly heading = viewChild<ElementRef<HTMLElement>>('sectionHeading');

  /** Route parameter `:id`. */
  readonly id = input.required<string>();

  protected readonly request = httpResource<PortalIntakeForm>(() => `/api/portal/forms/${encodeURIComponent(this.id())}`);
  protected readonly value = computed(() => (this.request.hasValue() ? this.request.value() : null));
  protected readonly step = signal(0);
  protected readonly section = computed(() => this.value()?.form.sections[this.step()] ?? null);
  protected readonly fields = computed(() => (this.section()?.fields ?? []) as FieldDefinition[]);
  protected readonly isLast = computed(() => this.step() === (this.value()?.form.sections.length ?? 1) - 1);
  protected readonly form = computed(() => {
    const section = this.section();
    const value = this.value();
    return section && value ? buildSectionForm(section, value.answers as Record<string, unknown>) : new FormGroup({}) as AnswerGroup;
  });
  protected readonly busy = signal(false);
  protected readonly messages = signal<string[]>([]);
  protected readonly status = signal('');
  private moved = false;

  constructor() {
    // Focus the section's heading after Next or Back, so a screen reader starts at the new questions.
    effect(() => {
      const heading = this.heading();
      this.step();
      if (heading && this.moved) heading.nativeElement.focus();
    });
  }

  protected control(name: string): FormControl<FormAnswer> {
    return this.form().controls[name];
  }

  protected async next(): Promise<void> {
    if (!(await this.save())) return;
    this.moved = true;
    this.step.update((s) => s + 1);
  }

  protected back(): void {
    this.moved = true;
    this.messages.set([]);
    this.step.update((s) => Math.max(0, s - 1));
  }

  protected async send(): Promise<void> {
    const value = this.value();
    const form = this.form();
    form.markAllAsTouched();
    if (!value || form.invalid) {
      this.messages.set(['Some answers need attention; each is marked.']);
      return;
    }
    this.busy.set(true);
    this.messages.set([]);
    try {
      this.request.set(await firstValueFrom(this.api.submitForm(value.id, sectionAnswers(form, this.fields()))));
      this.status.set('Sent to your therapist. Thank you.');
    } catch (error) {
      this.showErrors(error);
    } finally {
      this.busy.set(false);
    }
  }

  /** Keeps this section on the server; false when it needs attention first. */
  private async save(): Promise<boolean> {
    const value = this.value();
    const form = this.form();
    form.markAllAsTouched();
    if (!value || form.invalid) {
      this.messages.set(['Some answers need attention; each is marked.']);
      return false;
    }
    this.busy.set(true);
    this.messages.set([]);
    try {
      this.request.set(await firstValueFrom(this.api.saveFormDraft(value.id, sectionAnswers(form, this.fields()))));
      this.status.set('Saved. You can stop here and come back later.');
      return true;
    } catch (error) {
      this.showErrors(error);
      return false;
    } finally {
      this.busy.set(false);
    }
  }

  private showErrors(error: unknown): void {
    const aliases = Object.fromEntries(this.fields().map((f) => [`answers.${f.name}`, f.name]));
    const { formMessages, fieldCount } = applyServerErrors(error, this.form(), aliases);
    this.messages.set(fieldCount && !formMessages.length ? ['Some answers need attention; each is marked.'] : formMessages);
  }
}
