import { HttpErrorResponse, httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormArray, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';
import { CoupleApi } from '../core/api/couple-api';
import { CycleMap, CycleMapVersion, CycleMove, MOVE_LABELS, PURSUE_MOVES, WITHDRAW_MOVES } from '../core/api/cycle-map-types';
import { applyServerErrors, describeError } from '../core/api/problem-details';
import { CoupleContext } from '../couple/workspace/couple-context';
import { FormMessages } from '../shared/ui/form-messages';
import { CycleLoop, LoopSide } from './cycle-loop';
import { WhenPipe } from '../shared/ui/when';

type SideForm = FormGroup<{
  partnerId: FormControl<string>;
  name: FormControl<string>;
  trigger: FormControl<string>;
  moves: FormControl<string[]>;
  moveInOwnWords: FormControl<string>;
  feeling: FormControl<string>;
  fear: FormControl<string>;
  need: FormControl<string>;
}>;

function sideForm(): SideForm {
  const text = (max: number) => new FormControl('', { nonNullable: true, validators: [Validators.maxLength(max)] });
  return new FormGroup({
    partnerId: new FormControl('', { nonNullable: true }),
    name: new FormControl('', { nonNullable: true }),
    trigger: text(500),
    moves: new FormControl<string[]>([], { nonNullable: true }),
    moveInOwnWords: text(200),
    feeling: text(500),
    fear: text(500),
    need: text(500),
  });
}

/**
 * The therapist maps the couple's negative cycle with them: each partner's trigger, surface moves,
 * the feeling underneath, the attachment fear and need, and the way out they agree on. Every save
 * is a new version; sharing lets both partners see the latest one in the portal.
 */
@Component({
  selector: 'app-cycle-map-editor',
  imports: [ReactiveFormsModule, WhenPipe, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, FormMessages, CycleLoop],
  templateUrl: './cycle-map-editor.html',
  styleUrl: './cycle-map-editor.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CycleMapEditor {
  private readonly api = inject(CoupleApi);
  protected readonly context = inject(CoupleContext);

  protected readonly map = httpResource<CycleMap>(() =>
    this.context.id() ? `/api/couples/${encodeURIComponent(this.context.id())}/cycle-map` : undefined,
  );
  protected readonly showHistory = signal(false);
  protected readonly history = httpResource<CycleMapVersion[]>(() =>
    this.showHistory() && this.context.id() ? `/api/couples/${encodeURIComponent(this.context.id())}/cycle-map/versions` : undefined,
  );
  protected readonly current = computed(() => (this.map.hasValue() ? this.map.value() : null));

  protected readonly pursueMoves = PURSUE_MOVES;
  protected readonly withdrawMoves = WITHDRAW_MOVES;
  protected readonly moveLabels = MOVE_LABELS;
  protected readonly form = new FormGroup({
    sides: new FormArray<SideForm>([sideForm(), sideForm()]),
    exit: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(2000)] }),
  });
  protected readonly saving = signal(false);
  protected readonly errors = signal<string[]>([]);
  protected readonly message = signal('');
  private readonly formValue = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });
  /** The loop as it will look once saved, drawn from the form while the therapist types. */
  protected readonly preview = computed<LoopSide[]>(() => {
    this.formValue();
    return this.form.controls.sides.getRawValue().map((s) => ({ ...s }));
  });
  protected readonly exitPreview = computed(() => {
    this.formValue();
    return this.form.controls.exit.value;
  });

  constructor() {
    effect(() => {
      const map = this.current();
      if (map) this.load(map);
    });
  }

  private load(map: CycleMap): void {
    map.partners.forEach((p, i) =>
      this.form.controls.sides.at(i)?.reset({
        partnerId: p.partnerId,
        name: p.firstName,
        trigger: p.trigger,
        moves: [...p.moves],
        moveInOwnWords: p.moveInOwnWords,
        feeling: p.feeling,
        fear: p.fear,
        need: p.need,
      }),
    );
    this.form.controls.exit.reset(map.exit);
  }

  protected hasMove(side: SideForm, move: CycleMove): boolean {
    return side.controls.moves.value.includes(move);
  }

  protected toggleMove(side: SideForm, move: CycleMove, checked: boolean): void {
    const moves = side.controls.moves.value.filter((m) => m !== move);
    side.controls.moves.setValue(checked ? [...moves, move] : moves);
    side.markAsDirty();
  }

  protected async save(): Promise<void> {
    const map = this.current();
    this.form.markAllAsTouched();
    if (!map || this.form.invalid) return;
    this.saving.set(true);
    this.errors.set([]);
    this.message.set('');
    try {
      const saved = await firstValueFrom(
        this.api.saveCycleMap(map.coupleId, {
          version: map.version,
          partners: this.form.controls.sides.getRawValue().map(({ name: _, ...side }) => side),
          exit: this.form.controls.exit.value,
        }),
      );
      this.map.set(saved);
      this.form.markAsPristine();
      this.message.set(
        saved.shared
          ? `Saved as version ${saved.version}. Both partners now see this version in the portal.`
          : `Saved as version ${saved.version}.`,
      );
      if (this.showHistory()) this.history.reload();
    } catch (error) {
      const stale = error instanceof HttpErrorResponse && error.status === 409;
      this.errors.set(
        stale
          ? [`${describeError(error)} Your changes are still in the form: copy anything you need before reloading.`]
          : applyServerErrors(error, this.form, { partners: 'sides' }).formMessages,
      );
    } finally {
      this.saving.set(false);
    }
  }

  protected async setShared(shared: boolean): Promise<void> {
    const map = this.current();
    if (!map) return;
    this.errors.set([]);
    try {
      const updated = await firstValueFrom(shared ? this.api.shareCycleMap(map.coupleId) : this.api.unshareCycleMap(map.coupleId));
      this.map.set(updated);
      this.message.set(shared ? 'Shared: both partners see the map in their portal.' : 'No longer shared: the portal stops showing the map.');
    } catch (error) {
      this.errors.set([describeError(error)]);
    }
  }

  protected reloadMap(): void {
    this.map.reload();
    this.errors.set([]);
  }
}
