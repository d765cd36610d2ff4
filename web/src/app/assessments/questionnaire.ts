import { BreakpointObserver } from '@angular/cdk/layout';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  input,
  output,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { HttpErrorResponse } from '@angular/common/http';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatRadioModule } from '@angular/material/radio';
import { firstValueFrom, map } from 'rxjs';
import { AssessmentsApi } from '../core/api/assessments-api';
import { PortalQuestionnaire } from '../core/api/assessment-types';
import { applyServerErrors } from '../core/api/problem-details';
import { FormMessages } from '../shared/ui/form-messages';
import { QUADRANT_LABELS } from './assessment-labels';

export type QuestionnaireLayout = 'auto' | 'steps' | 'all';

export function buildResponsesForm(q: PortalQuestionnaire) {
  const responses = new FormGroup<Record<string, FormControl<number | null>>>({});
  for (const item of [...q.form.items].sort((a, b) => a.number - b.number)) {
    responses.addControl(
      item.id,
      new FormControl<number | null>(null, [Validators.required, Validators.min(q.form.scale.min), Validators.max(q.form.scale.max)]),
    );
  }
  return new FormGroup({ responses });
}

/**
 * A questionnaire in the portal: one statement per step on a small screen, all of them on a
 * large one, then a review of every answer before it is sent. Answers are keyed by the item's
 * stable id, never by position.
 */
@Component({
  selector: 'app-questionnaire',
  imports: [ReactiveFormsModule, MatButtonModule, MatRadioModule, FormMessages],
  templateUrl: './questionnaire.html',
  styleUrl: './questionnaire.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Questionnaire {
  private readonly api = inject(AssessmentsApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly compactScreen = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 599.98px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );

  readonly questionnaire = input.required<PortalQuestionnaire>();
  /** `auto` follows the screen width; tests and previews may fix it. */
  readonly layout = input<QuestionnaireLayout>('auto');
  readonly answered = output<PortalQuestionnaire>();

  protected readonly items = computed(() => [...this.questionnaire().form.items].sort((a, b) => a.number - b.number));
  protected readonly scale = computed(() => {
    const { min, max, anchors } = this.questionnaire().form.scale;
    return Array.from({ length: max - min + 1 }, (_, i) => min + i).map((value) => ({
      value,
      label: anchors.find((a) => a.value === value)?.label ?? '',
    }));
  });
  protected readonly form = computed(() => buildResponsesForm(this.questionnaire()));
  protected readonly stepwise = computed(() =>
    this.layout() === 'auto' ? this.compactScreen() : this.layout() === 'steps',
  );
  /** 0…n−1 are the statements (step mode), n is the review. */
  protected readonly step = signal(0);
  protected readonly reviewing = signal(false);
  protected readonly stepError = signal('');
  protected readonly messages = signal<string[]>([]);
  protected readonly sending = signal(false);
  protected readonly result = signal<PortalQuestionnaire | null>(null);
  protected readonly alreadyAnswered = signal(false);
  protected readonly quadrantLabels = QUADRANT_LABELS;

  protected controlOf(id: string): FormControl<number | null> {
    return this.form().controls.responses.controls[id];
  }

  protected answerLabel(value: number | null): string {
    if (value === null) return 'Not answered';
    const label = this.scale().find((s) => s.value === value)?.label;
    return label ? `${value} – ${label}` : String(value);
  }

  protected answeredCount(): number {
    return this.items().filter((item) => this.controlOf(item.id).value !== null).length;
  }

  protected next(): void {
    const item = this.items()[this.step()];
    if (this.controlOf(item.id).value === null) {
      this.controlOf(item.id).markAsTouched();
      this.stepError.set('Choose an answer to go on.');
      return;
    }
    this.stepError.set('');
    if (this.step() < this.items().length - 1) {
      this.step.update((s) => s + 1);
      this.focus('.step-heading');
    } else {
      this.review();
    }
  }

  protected back(): void {
    this.stepError.set('');
    if (this.step() > 0) {
      this.step.update((s) => s - 1);
      this.focus('.step-heading');
    }
  }

  protected review(): void {
    const missing = this.items().filter((item) => this.controlOf(item.id).value === null);
    if (missing.length) {
      this.form().markAllAsTouched();
      this.messages.set([`Please answer every statement; ${missing.map((i) => i.number).join(', ')} still need an answer.`]);
      if (this.stepwise()) {
        this.step.set(this.items().indexOf(missing[0]));
        this.focus('.step-heading');
      } else {
        this.focus(`#q-${missing[0].id} input`);
      }
      return;
    }
    this.messages.set([]);
    this.reviewing.set(true);
    this.focus('.review-heading');
  }

  protected change(index: number): void {
    this.reviewing.set(false);
    if (this.stepwise()) {
      this.step.set(index);
      this.focus('.step-heading');
    } else {
      this.focus(`#q-${this.items()[index].id} input`);
    }
  }

  protected async submit(): Promise<void> {
    const form = this.form();
    if (form.invalid) {
      this.review();
      return;
    }
    const responses: Record<string, number> = {};
    for (const item of this.items()) responses[item.id] = this.controlOf(item.id).value!;
    this.sending.set(true);
    this.messages.set([]);
    try {
      const stored = await firstValueFrom(this.api.answer(this.questionnaire().id, { responses }));
      this.result.set(stored);
      this.answered.emit(stored);
      this.focus('.done-heading');
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 409) {
        this.alreadyAnswered.set(true);
        this.focus('.done-heading');
      } else {
        const { formMessages, fieldCount } = applyServerErrors(error, form);
        this.messages.set(fieldCount ? [...formMessages, 'Some answers were not accepted; change them and send again.'] : formMessages);
        this.reviewing.set(false);
      }
    } finally {
      this.sending.set(false);
    }
  }

  private focus(selector: string): void {
    afterNextRender(
      {
        read: () => {
          const target = this.host.nativeElement.querySelector<HTMLElement>(selector);
          if (!target) return;
          if (!/^(INPUT|BUTTON|A)$/.test(target.tagName)) target.tabIndex = -1;
          target.focus();
        },
      },
      { injector: this.injector },
    );
  }
}
