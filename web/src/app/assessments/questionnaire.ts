import { BreakpointObserver } from '@angular/cdk/layout';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  InjectionToken,
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
import { CrisisResources } from '../core/api/practice-types';
import { CrisisResourcesPanel } from '../portal/crisis-resources';
import { applyServerErrors } from '../core/api/problem-details';
import { FormMessages } from '../shared/ui/form-messages';
import { QUADRANT_LABELS } from './assessment-labels';
import { formatWhen } from '../shared/ui/when';

export type QuestionnaireLayout = 'auto' | 'steps' | 'all';

/** One control per item, keyed by the item's stable id, within that item's own range, filled from a saved draft. */
export function buildResponsesForm(q: PortalQuestionnaire) {
  const responses = new FormGroup<Record<string, FormControl<number | null>>>({});
  const draft = (q.draft ?? {}) as Record<string, number>;
  for (const item of [...q.form.items].sort((a, b) => a.number - b.number)) {
    const scale = item.scale ?? q.form.scale;
    responses.addControl(
      item.id,
      new FormControl<number | null>(draft[item.id] ?? null, [Validators.required, Validators.min(scale.min), Validators.max(scale.max)]),
    );
  }
  return new FormGroup({ responses });
}

/** How an option reads: "3 – Mostly true"; a label that already carries its number ("5 – interesting", "4") as is. */
export function optionLabel(value: number, label: string): string {
  return label.startsWith(String(value)) ? label : `${value} – ${label}`;
}

/** How long after the last answer the draft is saved; tests may lengthen or shorten it. */
export const DRAFT_SAVE_DELAY_MS = new InjectionToken<number>('DRAFT_SAVE_DELAY_MS', { factory: () => 800 });

/**
 * A questionnaire in the portal: one statement per step on a small screen, all of them on a
 * large one, then a review of every answer before it is sent. Answers are keyed by the item's
 * stable id and are each option's value, never its position (some items print 5 → 0). Answers so
 * far are saved on the server as a draft (never in browser storage) a moment after each one, so
 * the partner can finish later; every item is required before sending.
 */
@Component({
  selector: 'app-questionnaire',
  imports: [ReactiveFormsModule, MatButtonModule, MatRadioModule, FormMessages, CrisisResourcesPanel],
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
  /** Each item's options in the order the form prints them. */
  protected readonly options = computed(() => {
    const byItem = new Map<string, { value: number; label: string }[]>();
    for (const item of this.items()) {
      const scale = item.scale ?? this.questionnaire().form.scale;
      byItem.set(item.id, scale.anchors.map((a) => ({ value: a.value, label: optionLabel(a.value, a.label) })));
    }
    return byItem;
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
  /** Set when the answers reached a risk item (PHQ-9 item 9 above 0): shown first, before anything else. */
  protected readonly crisis = signal<CrisisResources | null>(null);
  protected readonly alreadyAnswered = signal(false);
  protected readonly draftStatus = signal('');
  private draftTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly draftDelay = inject(DRAFT_SAVE_DELAY_MS);

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.draftTimer));
  }
  protected readonly quadrantLabels = QUADRANT_LABELS;

  protected controlOf(id: string): FormControl<number | null> {
    return this.form().controls.responses.controls[id];
  }

  protected optionsOf(id: string): { value: number; label: string }[] {
    return this.options().get(id) ?? [];
  }

  protected answerLabel(id: string, value: number | null): string {
    if (value === null) return 'Not answered';
    return this.optionsOf(id).find((o) => o.value === value)?.label ?? String(value);
  }

  /** An answer changed: save the draft shortly, once the partner pauses. */
  protected answerChanged(): void {
    clearTimeout(this.draftTimer);
    this.draftTimer = setTimeout(() => void this.saveDraft(), this.draftDelay);
  }

  /** Keeps the answers so far on the server; says so in a status line, never blocks answering. */
  protected async saveDraft(): Promise<void> {
    clearTimeout(this.draftTimer);
    if (this.result() || this.alreadyAnswered()) return;
    const responses: Record<string, number> = {};
    for (const item of this.items()) {
      const value = this.controlOf(item.id).value;
      if (value !== null) responses[item.id] = value;
    }
    try {
      const saved = await firstValueFrom(this.api.saveDraft(this.questionnaire().id, { responses }));
      const time = formatWhen(saved.savedAt, 'time');
      this.draftStatus.set(`Your answers so far are saved (${time}). You can finish later.`);
    } catch {
      this.draftStatus.set('Your answers so far could not be saved just now; they are still on this page.');
    }
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
    clearTimeout(this.draftTimer);
    this.sending.set(true);
    this.messages.set([]);
    try {
      const stored = await firstValueFrom(this.api.answer(this.questionnaire().id, { responses }));
      this.crisis.set(stored.crisisResources ?? null);
      this.result.set(stored.questionnaire);
      this.answered.emit(stored.questionnaire);
      this.focus(stored.crisisResources ? '.crisis-heading' : '.done-heading');
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

  protected score(value: number): string {
    return this.questionnaire().form.scoring === 'sum' ? String(Math.round(value)) : value.toFixed(2);
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
