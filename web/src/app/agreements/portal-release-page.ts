import { WhenPipe } from '../shared/ui/when';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { PortalRelease } from '../core/api/agreement-types';
import { AgreementsApi } from '../core/api/agreements-api';
import { PortalMe } from '../core/api/homework-types';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';
import { applyServerErrors } from '../core/api/problem-details';
import { buildSignForm, SignFormComponent } from './sign-form';

/** A release of information in the portal: read it, authorise it with a signature, or revoke it at any time. */
@Component({
  selector: 'app-portal-release-page',
  imports: [DescribeErrorPipe, WhenPipe, ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, SignFormComponent],
  template: `
    @if (release.error(); as error) {
      <h1>Release of information</h1>
      <p role="alert">Could not open this: {{ error | describeError }}</p>
    } @else if (value(); as r) {
      <h1>Release to {{ r.recipient }}</h1>
      <article class="document" [innerHTML]="r.html"></article>
      <div role="status" aria-live="polite" class="status">{{ status() }}</div>
      @if (r.status === 'revoked') {
        <p class="note">This release was revoked{{ r.revokedByMe ? ' by you' : '' }} on {{ r.revokedAt | when }}. Nothing more is sent under it.</p>
      } @else if (r.status === 'expired') {
        <p class="note">This release expired on {{ r.expiresOn | when }}.</p>
      } @else {
        @if (r.mySignedAt) {
          <section class="signed" aria-labelledby="signed-heading">
            <h2 id="signed-heading">You signed this</h2>
            <p>You signed it on {{ r.mySignedAt | when: 'dateTime' }} by typing “{{ r.myTypedName }}”.</p>
            <p class="fingerprint">Fingerprint of the exact text you signed (SHA-256): <code>{{ r.textSha256 }}</code></p>
          </section>
        } @else {
          <app-sign-form [form]="signForm" [fullName]="fullName()" [busy]="busy()" [messages]="messages()" (signed)="sign($event)" />
        }
        <section class="decline" aria-labelledby="revoke-heading">
          <h2 id="revoke-heading">Revoke</h2>
          <p>You can withdraw this release at any time. Nothing more will be sent under it.</p>
          <mat-form-field class="wide">
            <mat-label>Why (optional, only your therapist sees it)</mat-label>
            <textarea matInput [formControl]="reason" rows="2"></textarea>
          </mat-form-field>
          <button mat-stroked-button type="button" (click)="revoke()" [disabled]="busy()">Revoke this release</button>
        </section>
      }
    } @else {
      <h1>Release of information</h1>
      <p role="status">Loading…</p>
    }
    <p><a mat-button routerLink="/portal/signed">What I signed</a> <a mat-button routerLink="/portal">Back to my portal</a></p>
  `,
  styleUrl: './portal-document.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalReleasePage {
  private readonly api = inject(AgreementsApi);

  /** Route parameter `:id`. */
  readonly id = input.required<string>();

  protected readonly release = httpResource<PortalRelease>(() => `/api/portal/releases/${encodeURIComponent(this.id())}`);
  protected readonly me = httpResource<PortalMe>(() => '/api/portal/me');
  protected readonly value = computed(() => (this.release.hasValue() ? this.release.value() : null));
  protected readonly fullName = computed(() => (this.me.hasValue() ? `${this.me.value().firstName} ${this.me.value().lastName}` : 'your name'));
  protected readonly signForm = buildSignForm();
  protected readonly reason = new FormControl('', { nonNullable: true, validators: Validators.maxLength(2000) });
  protected readonly busy = signal(false);
  protected readonly messages = signal<string[]>([]);
  protected readonly status = signal('');

  protected async sign(typedName: string): Promise<void> {
    const release = this.value();
    if (!release) return;
    this.busy.set(true);
    this.messages.set([]);
    try {
      this.release.set(await firstValueFrom(this.api.signRelease(release.id, typedName, release.textSha256)));
      this.status.set('Signed. Thank you.');
    } catch (error) {
      this.messages.set(applyServerErrors(error, this.signForm).formMessages);
    } finally {
      this.busy.set(false);
    }
  }

  protected async revoke(): Promise<void> {
    const release = this.value();
    if (!release) return;
    this.busy.set(true);
    try {
      this.release.set(await firstValueFrom(this.api.revokeRelease(release.id, this.reason.value.trim() || null)));
      this.status.set('The release is revoked.');
    } catch (error) {
      this.messages.set(applyServerErrors(error, this.reason).formMessages);
    } finally {
      this.busy.set(false);
    }
  }
}
