import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { firstValueFrom } from 'rxjs';
import { Paged } from '../core/api/api-types';
import { AppointmentsApi, Delivery } from '../core/api/appointments-api';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { describeError } from '../core/api/problem-details';
import { PageState } from '../shared/ui/page-state';
import { WhenPipe } from '../shared/ui/when';
import { kindWords, statusWords } from './delivery-words';

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'cancelled', 'skipped'] as const;

/** The practice's outgoing email: kind and status in words (a waiting one with when it goes), recipient, attempts and times — never a body. */
@Component({
  selector: 'app-deliveries-page',
  imports: [DescribeErrorPipe, WhenPipe, FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatPaginatorModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Email delivery log</h1>
    <p>Every email the practice sends, newest first. Message contents are never shown here.</p>
    <form class="filters" (submit)="$event.preventDefault()">
      <mat-form-field appearance="outline">
        <mat-label>Status</mat-label>
        <mat-select [ngModel]="status()" (ngModelChange)="status.set($event); paging.restart()" name="status">
          <mat-option value="">Any</mat-option>
          @for (s of statuses; track s) { <mat-option [value]="s">{{ statusWords({ status: s, nextAttemptAt: null }) }}</mat-option> }
        </mat-select>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Recipient contains</mat-label>
        <input matInput [ngModel]="recipient()" (ngModelChange)="recipient.set($event); paging.restart()" name="recipient" />
      </mat-form-field>
    </form>
    <p role="status">{{ message() }}</p>
    @if (deliveries.error(); as error) {
      <p role="alert">Could not load the log: {{ error | describeError }}</p>
    }
    <!-- Wide tables scroll in their own box on a phone; the page itself never scrolls sideways. -->
    <div class="scroll">
    <table class="data">
      <caption class="visually-hidden">Email deliveries</caption>
      <thead>
        <tr><th scope="col">Created</th><th scope="col">Kind</th><th scope="col">Recipient</th><th scope="col">Status</th>
          <th scope="col">Attempts</th><th scope="col">Sent</th><th scope="col">Last error</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr>
      </thead>
      <tbody>
        @for (d of rows(); track d.id) {
          <tr>
            <td>{{ d.createdAt | when: 'dateTime' }}</td>
            <td>{{ kindWords(d.kind) }}</td>
            <td>{{ d.recipient }}</td>
            <td>{{ statusWords(d) }}</td>
            <td>{{ d.attempts }}</td>
            <td>{{ d.sentAt ? (d.sentAt | when: 'dateTime') : '—' }}</td>
            <td>{{ d.lastError ?? '' }}</td>
            <td>
              @if (d.canResend) {
                <button mat-stroked-button type="button" (click)="resend(d)" [attr.aria-label]="'Resend ' + kindWords(d.kind) + ' to ' + d.recipient">Resend</button>
              }
            </td>
          </tr>
        } @empty {
          <tr><td colspan="8">No emails match.</td></tr>
        }
      </tbody>
    </table>
    </div>
    <mat-paginator [length]="total()" [pageIndex]="paging.pageIndex()" [pageSize]="paging.pageSize()" [pageSizeOptions]="[25, 50, 100]"
      (page)="paging.onPage($event)" aria-label="Pages of deliveries" />
  `,
  styles: `
    .filters { display: flex; gap: 1rem; flex-wrap: wrap; }
  `,
})
export class DeliveriesPage {
  private readonly api = inject(AppointmentsApi);
  protected readonly statuses = DELIVERY_STATUSES;
  protected readonly kindWords = kindWords;
  protected readonly statusWords = statusWords;
  protected readonly paging = new PageState(25);
  protected readonly status = signal('');
  protected readonly recipient = signal('');
  protected readonly message = signal('');
  protected readonly deliveries = httpResource<Paged<Delivery>>(() => ({
    url: '/api/admin/deliveries',
    params: {
      ...this.paging.params(),
      ...(this.status() ? { status: this.status() } : {}),
      ...(this.recipient().trim() ? { recipient: this.recipient().trim() } : {}),
    },
  }));
  protected readonly rows = computed(() => (this.deliveries.hasValue() ? this.deliveries.value().items : []));
  protected readonly total = computed(() => (this.deliveries.hasValue() ? this.deliveries.value().total : 0));

  protected async resend(delivery: Delivery): Promise<void> {
    try {
      await firstValueFrom(this.api.resend(delivery.id));
      this.message.set(`Sent again: ${kindWords(delivery.kind)} to ${delivery.recipient}.`);
      this.deliveries.reload();
    } catch (error) {
      this.message.set(`Could not resend: ${describeError(error)}`);
    }
  }
}
