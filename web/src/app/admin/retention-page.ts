import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule } from '@angular/material/paginator';
import { firstValueFrom } from 'rxjs';
import { Paged } from '../core/api/api-types';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { describeError } from '../core/api/problem-details';
import { RetentionApi, RetentionCouple } from '../core/api/retention-api';
import { PageState } from '../shared/ui/page-state';
import { WhenPipe } from '../shared/ui/when';

type Scope = 'due' | 'closed';

/**
 * Closed couples and how long their records are kept (DESIGN §17): the ones past their date by default, every
 * closed one on request. A legal hold keeps a record past its date; a purge deletes one for good and must be
 * confirmed by typing the couple's name. No clinical content: names, therapist, dates and the hold.
 */
@Component({
  selector: 'app-retention-page',
  imports: [WhenPipe, DescribeErrorPipe, ReactiveFormsModule, MatButtonModule, MatButtonToggleModule, MatFormFieldModule, MatInputModule,
    MatPaginatorModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Record retention</h1>
    <p>A closed couple's record is kept for the practice's retention period after closing, then may be purged: every
      clinical record of the couple is deleted for good, its portal accounts are closed, and the audit log keeps one
      line saying so. A legal hold keeps a record past its date until the hold is released.</p>
    <mat-button-toggle-group [value]="scope()" (change)="scope.set($event.value); paging.restart(); open.set(null)"
      aria-label="Which closed couples">
      <mat-button-toggle value="due">Past their date</mat-button-toggle>
      <mat-button-toggle value="closed">All closed couples</mat-button-toggle>
    </mat-button-toggle-group>
    <p role="status">{{ message() }}</p>
    @if (couples.error(); as error) {
      <p role="alert">Could not load the list: {{ error | describeError }}</p>
    }
    <div class="scroll">
      <table class="data">
        <caption class="visually-hidden">{{ scope() === 'due' ? 'Closed couples past their retention date' : 'Closed couples' }}</caption>
        <thead>
          <tr><th scope="col">Couple</th><th scope="col">Therapist</th><th scope="col">Closed</th><th scope="col">Kept until</th>
            <th scope="col">Legal hold</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr>
        </thead>
        <tbody>
          @for (c of rows(); track c.coupleId) {
            <tr>
              <th scope="row">{{ c.displayName }}</th>
              <td>{{ c.therapistName }}</td>
              <td>{{ c.closedOn | when }}</td>
              <td>{{ c.retainUntil | when }}</td>
              <td>{{ c.legalHold ? 'Held: ' + c.holdReason : 'No' }}</td>
              <td class="actions">
                <button mat-stroked-button type="button" (click)="openHold(c)" [attr.aria-expanded]="open()?.coupleId === c.coupleId && open()?.kind === 'hold'"
                  [attr.aria-label]="(c.legalHold ? 'Release the hold on ' : 'Place a hold on ') + c.displayName">
                  {{ c.legalHold ? 'Release hold' : 'Place hold' }}</button>
                @if (c.purgeable) {
                  <button mat-stroked-button color="warn" type="button" (click)="openPurge(c)"
                    [attr.aria-expanded]="open()?.coupleId === c.coupleId && open()?.kind === 'purge'" [attr.aria-label]="'Purge ' + c.displayName">Purge…</button>
                }
              </td>
            </tr>
            @if (open()?.coupleId === c.coupleId) {
              <tr class="panel">
                <td colspan="6">
                  @if (open()!.kind === 'hold') {
                    <form [formGroup]="holdForm" (ngSubmit)="saveHold(c)" class="inline">
                      @if (!c.legalHold) {
                        <mat-form-field appearance="outline">
                          <mat-label>Why the record is held</mat-label>
                          <input matInput formControlName="reason" maxlength="500" />
                          <mat-hint>A court order, a complaint, a request from the client…</mat-hint>
                          @if (holdForm.controls.reason.invalid && holdForm.controls.reason.touched) { <mat-error>Say why the record is held.</mat-error> }
                        </mat-form-field>
                      }
                      <button mat-flat-button type="submit" [disabled]="busy()">{{ c.legalHold ? 'Release the hold' : 'Place the hold' }}</button>
                      <button mat-button type="button" (click)="open.set(null)">Cancel</button>
                    </form>
                  } @else {
                    <form [formGroup]="purgeForm" (ngSubmit)="purge(c)" class="inline">
                      <p id="purge-warning-{{ c.coupleId }}"><strong>This cannot be undone.</strong> Every session, note, assessment,
                        homework entry and message of {{ c.displayName }} is deleted and their portal accounts are closed.</p>
                      <mat-form-field appearance="outline">
                        <mat-label>Type the couple's name to confirm</mat-label>
                        <input matInput formControlName="confirm" autocomplete="off" [attr.aria-describedby]="'purge-warning-' + c.coupleId" />
                      </mat-form-field>
                      <button mat-flat-button color="warn" type="submit" [disabled]="busy() || purgeForm.controls.confirm.value !== c.displayName">
                        Purge permanently</button>
                      <button mat-button type="button" (click)="open.set(null)">Cancel</button>
                    </form>
                  }
                </td>
              </tr>
            }
          } @empty {
            <tr><td colspan="6">{{ scope() === 'due' ? 'No closed couple is past its retention date.' : 'No couple is closed.' }}</td></tr>
          }
        </tbody>
      </table>
    </div>
    <mat-paginator [length]="total()" [pageIndex]="paging.pageIndex()" [pageSize]="paging.pageSize()" [pageSizeOptions]="[25, 50, 100]"
      (page)="paging.onPage($event)" aria-label="Pages of couples" />
  `,
  styles: `
    .actions { display: flex; gap: .5rem; flex-wrap: wrap; }
    .actions button { min-height: 44px; }
    form.inline { display: flex; gap: 1rem; flex-wrap: wrap; align-items: center; padding: .5rem 0; }
    form.inline p { flex-basis: 100%; margin: 0; }
    mat-button-toggle-group { margin: 1rem 0; }
  `,
})
export class RetentionPage {
  private readonly api = inject(RetentionApi);
  protected readonly paging = new PageState(25);
  protected readonly scope = signal<Scope>('due');
  protected readonly message = signal('');
  protected readonly busy = signal(false);
  protected readonly open = signal<{ coupleId: string; kind: 'hold' | 'purge' } | null>(null);
  protected readonly holdForm = new FormGroup({ reason: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(500)] }) });
  protected readonly purgeForm = new FormGroup({ confirm: new FormControl('', { nonNullable: true }) });

  protected readonly couples = httpResource<Paged<RetentionCouple>>(() => ({
    url: '/api/admin/retention',
    params: { ...this.paging.params(), scope: this.scope() },
  }));
  protected readonly rows = computed(() => (this.couples.hasValue() ? this.couples.value().items : []));
  protected readonly total = computed(() => (this.couples.hasValue() ? this.couples.value().total : 0));

  protected openHold(couple: RetentionCouple): void {
    this.holdForm.reset();
    this.open.set({ coupleId: couple.coupleId, kind: 'hold' });
  }

  protected openPurge(couple: RetentionCouple): void {
    this.purgeForm.reset();
    this.open.set({ coupleId: couple.coupleId, kind: 'purge' });
  }

  protected async saveHold(couple: RetentionCouple): Promise<void> {
    const hold = !couple.legalHold;
    if (hold && this.holdForm.invalid) {
      this.holdForm.markAllAsTouched();
      return;
    }
    await this.run(async () => {
      await firstValueFrom(this.api.setHold(couple.coupleId, { hold, reason: hold ? this.holdForm.controls.reason.value.trim() : null }));
      return hold ? `${couple.displayName}: held.` : `${couple.displayName}: hold released.`;
    });
  }

  protected async purge(couple: RetentionCouple): Promise<void> {
    await this.run(async () => {
      const result = await firstValueFrom(this.api.purge(couple.coupleId, this.purgeForm.controls.confirm.value));
      return `${couple.displayName} purged: ${result.rowsDeleted} records deleted, ${result.accountsClosed} portal accounts closed.`;
    });
  }

  private async run(action: () => Promise<string>): Promise<void> {
    this.busy.set(true);
    try {
      this.message.set(await action());
      this.open.set(null);
      this.couples.reload();
    } catch (error) {
      this.message.set(`Not done: ${describeError(error)}`);
    } finally {
      this.busy.set(false);
    }
  }
}
