import { LowerCasePipe } from '@angular/common';
import { HttpErrorResponse, httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormArray, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { firstValueFrom } from 'rxjs';
import { Instrument } from '../core/api/assessment-types';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { PlanApi } from '../core/api/plan-api';
import {
  ClosingSummary,
  GoalOwner,
  GoalStatus,
  MeasureComparison,
  MeasureKind,
  MeasurePartner,
  PlanGoal,
  PlanReview,
  PlanVersion,
  TreatmentPlan,
} from '../core/api/plan-types';
import { applyServerErrors, describeError } from '../core/api/problem-details';
import { CoupleContext } from '../couple/workspace/couple-context';
import { CLOSING_REASONS } from '../couple/workspace/close-case';
import { FieldError } from '../shared/ui/field-error';
import { FormMessages } from '../shared/ui/form-messages';
import { WhenPipe } from '../shared/ui/when';
import { GoalSparkline } from './goal-sparkline';
import {
  agreementText,
  awaitsConfirmation,
  COMPARISON_WORDS,
  emptyGoal,
  GoalFormValue,
  goalFormValue,
  KIND_LABELS,
  measureLabel,
  ownerLabel,
  PartnerNames,
  progressText,
  saveBody,
  STATUS_LABELS,
  valueText,
  withStatus,
} from './plan-labels';

function goalGroup(value: GoalFormValue) {
  return new FormGroup({
    id: new FormControl<string | null>(value.id),
    owner: new FormControl<GoalOwner>(value.owner, { nonNullable: true }),
    statement: new FormControl(value.statement, { nonNullable: true, validators: [Validators.required, Validators.maxLength(1000)] }),
    targetDate: new FormControl(value.targetDate, { nonNullable: true }),
    status: new FormControl<GoalStatus>(value.status, { nonNullable: true }),
    measureKind: new FormControl<MeasureKind | ''>(value.measureKind, { nonNullable: true }),
    instrument: new FormControl(value.instrument, { nonNullable: true }),
    subscale: new FormControl(value.subscale, { nonNullable: true }),
    partner: new FormControl<MeasurePartner>(value.partner, { nonNullable: true }),
    comparison: new FormControl<MeasureComparison>(value.comparison, { nonNullable: true }),
    target: new FormControl<number | null>(value.target),
    interventions: new FormArray(value.interventions.map((i) => interventionGroup(i))),
  });
}

function interventionGroup(i: { stage: number | null; step: number | null; text: string }) {
  return new FormGroup({
    stage: new FormControl<number | null>(i.stage),
    step: new FormControl<number | null>(i.step),
    text: new FormControl(i.text, { nonNullable: true, validators: Validators.maxLength(2000) }),
  });
}

type GoalGroup = ReturnType<typeof goalGroup>;

/**
 * The couple's *Plan* section (issue 29): each goal with its live measure — value, target, "target reached on …" or
 * why there is no evidence yet, and a sparkline — with "Confirm met" once a target is reached (never automatic);
 * editing the plan, recording a review, who agreed to which version, and every earlier version.
 */
@Component({
  selector: 'app-plan-section',
  imports: [ReactiveFormsModule, LowerCasePipe, DescribeErrorPipe, WhenPipe, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, FieldError,
    FormMessages, GoalSparkline],
  templateUrl: './plan-section.html',
  styleUrl: './plan-section.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanSection {
  private readonly api = inject(PlanApi);
  protected readonly context = inject(CoupleContext);

  private readonly base = computed(() => (this.context.id() ? `/api/couples/${encodeURIComponent(this.context.id())}` : undefined));
  protected readonly plan = httpResource<TreatmentPlan>(() => (this.base() ? `${this.base()}/treatment-plan` : undefined));
  protected readonly reviews = httpResource<PlanReview[]>(() => (this.base() ? `${this.base()}/treatment-plan/reviews` : undefined));
  protected readonly versions = httpResource<PlanVersion[]>(() =>
    this.base() && this.showVersions() ? `${this.base()}/treatment-plan/versions` : undefined,
  );
  protected readonly closing = httpResource<ClosingSummary>(() =>
    this.base() && this.context.value()?.status === 'closed' ? `${this.base()}/closing-summary` : undefined,
  );
  protected readonly instruments = httpResource<Instrument[]>(() => (this.editing() ? '/api/instruments' : undefined));

  protected readonly value = computed(() => (this.plan.hasValue() ? this.plan.value() : null));
  protected readonly closed = computed(() => this.context.value()?.status === 'closed');
  protected readonly names = computed<PartnerNames>(() => {
    const partners = this.context.partners();
    return {
      partner_a: partners.find((p) => p.label === 'partner_a')?.firstName ?? 'Partner A',
      partner_b: partners.find((p) => p.label === 'partner_b')?.firstName ?? 'Partner B',
    };
  });

  protected readonly editing = signal(false);
  protected readonly showVersions = signal(false);
  protected readonly busy = signal(false);
  protected readonly messages = signal<string[]>([]);
  protected readonly status = signal('');

  protected readonly owners: GoalOwner[] = ['couple', 'partner_a', 'partner_b'];
  protected readonly statuses = Object.keys(STATUS_LABELS) as GoalStatus[];
  protected readonly kinds = Object.keys(KIND_LABELS) as MeasureKind[];
  protected readonly labels = { status: STATUS_LABELS, kind: KIND_LABELS, comparison: COMPARISON_WORDS };
  protected readonly reasons = Object.fromEntries(CLOSING_REASONS.map((r) => [r.value, r.label])) as Record<string, string>;

  protected readonly form = new FormGroup({
    problems: new FormControl('', { nonNullable: true }),
    reviewEvery: new FormControl(6, { nonNullable: true, validators: [Validators.required, Validators.min(2), Validators.max(26)] }),
    goals: new FormArray<GoalGroup>([]),
  });
  protected readonly reviewForm = new FormGroup({
    summary: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(4000)] }),
    changes: new FormControl('', { nonNullable: true, validators: Validators.maxLength(4000) }),
  });

  protected owner(owner: GoalOwner): string {
    return ownerLabel(owner, this.names());
  }

  protected measure(goal: PlanGoal): string {
    return goal.measure ? measureLabel(goal.measure, this.names()) : '';
  }

  protected value_(goal: PlanGoal): string {
    return goal.progress && goal.measure ? valueText(goal.progress, goal.measure.kind, this.names()) : '';
  }

  protected readonly progressText = progressText;
  protected readonly awaitsConfirmation = awaitsConfirmation;

  protected agreement(a: { firstName: string; version: number; signedAt: string }): string {
    return agreementText(a, this.value()?.version ?? 0);
  }

  protected subscales(instrument: string) {
    return this.instruments.hasValue() ? (this.instruments.value().find((i) => i.code === instrument)?.subscales ?? []) : [];
  }

  protected instrumentCodes(): string[] {
    return this.instruments.hasValue() ? [...new Set(this.instruments.value().map((i) => i.code))] : [];
  }

  protected edit(): void {
    const plan = this.value();
    if (!plan) return;
    this.form.controls.goals.clear();
    for (const goal of plan.goals) this.form.controls.goals.push(goalGroup(goalFormValue(goal)));
    if (!plan.goals.length) this.form.controls.goals.push(goalGroup(emptyGoal()));
    this.form.controls.problems.setValue(plan.problemStatements.join('\n'));
    this.form.controls.reviewEvery.setValue(plan.reviewEvery);
    this.messages.set([]);
    this.editing.set(true);
  }

  protected addGoal(): void {
    this.form.controls.goals.push(goalGroup(emptyGoal()));
  }

  protected removeGoal(index: number): void {
    this.form.controls.goals.removeAt(index);
  }

  protected addIntervention(goal: GoalGroup): void {
    goal.controls.interventions.push(interventionGroup({ stage: null, step: null, text: '' }));
  }

  protected async save(): Promise<void> {
    const plan = this.value();
    this.form.markAllAsTouched();
    if (!plan || this.form.invalid) return;
    const { problems, reviewEvery, goals } = this.form.getRawValue();
    await this.run(this.form, async () => {
      const saved = await firstValueFrom(this.api.save(this.context.id(), saveBody(plan, problems, goals, reviewEvery)));
      this.plan.set(saved);
      this.editing.set(false);
      this.status.set(`Plan saved as version ${saved.version}.`);
      this.versions.reload();
    });
  }

  /** The therapist confirms a reached target: the goal becomes "met" in a new version. */
  protected async setStatus(goal: PlanGoal, status: GoalStatus): Promise<void> {
    const plan = this.value();
    if (!plan) return;
    await this.run(null, async () => {
      const saved = await firstValueFrom(this.api.save(this.context.id(), withStatus(plan, goal.id, status)));
      this.plan.set(saved);
      this.status.set(`“${goal.statement}” marked ${STATUS_LABELS[status].toLowerCase()} (version ${saved.version}).`);
      this.versions.reload();
    });
  }

  protected async review(): Promise<void> {
    this.reviewForm.markAllAsTouched();
    if (this.reviewForm.invalid) return;
    const { summary, changes } = this.reviewForm.getRawValue();
    await this.run(this.reviewForm, async () => {
      await firstValueFrom(this.api.review(this.context.id(), summary.trim(), changes.trim()));
      this.reviewForm.reset();
      this.status.set('Review recorded.');
      this.reviews.reload();
      this.plan.reload();
    });
  }

  private async run(form: FormGroup | null, action: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.messages.set([]);
    this.status.set('');
    try {
      await action();
    } catch (error) {
      const stale = error instanceof HttpErrorResponse && error.status === 409;
      this.messages.set(form && !stale ? applyServerErrors(error, form).formMessages : [describeError(error)]);
      if (stale) this.plan.reload();
    } finally {
      this.busy.set(false);
    }
  }
}
