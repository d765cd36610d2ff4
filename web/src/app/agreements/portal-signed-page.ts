import { WhenPipe } from '../shared/ui/when';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { PortalAgreementList, PortalReleaseList } from '../core/api/agreement-types';
import { DescribeErrorPipe } from '../core/api/describe-error-pipe';

/** "What I signed": every agreement and release the partner signed, each opening the exact text. */
@Component({
  selector: 'app-portal-signed-page',
  imports: [DescribeErrorPipe, WhenPipe, RouterLink, MatButtonModule],
  template: `
    <h1>What I signed</h1>
    @if (agreements.error(); as error) {
      <p role="alert">Could not load what you signed: {{ error | describeError }}</p>
    } @else if (signed().length || signedReleases().length) {
      <ul class="cards">
        @for (a of signed(); track a.id) {
          <li>
            <a [routerLink]="['/portal/agreements', a.id]">{{ a.title }}</a>
            <p>Signed {{ a.signedAt | when }}{{ a.superseded ? ' · a newer version was sent since' : '' }}</p>
          </li>
        }
        @for (r of signedReleases(); track r.id) {
          <li>
            <a [routerLink]="['/portal/releases', r.id]">Release to {{ r.recipient }}</a>
            <p>Signed {{ r.mySignedAt | when }} · {{ r.status === 'authorised' ? 'in force until ' + (r.expiresOn | when) : r.status }}</p>
          </li>
        }
      </ul>
    } @else if (agreements.hasValue()) {
      <p class="empty">You have not signed anything yet.</p>
    } @else {
      <p role="status">Loading…</p>
    }
    <a mat-button routerLink="/portal">Back to my portal</a>
  `,
  styles: `
    a[mat-button] { min-height: 44px; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalSignedPage {
  protected readonly agreements = httpResource<PortalAgreementList>(() => '/api/portal/agreements');
  protected readonly releases = httpResource<PortalReleaseList>(() => '/api/portal/releases');
  protected readonly signed = computed(() => (this.agreements.hasValue() ? this.agreements.value().items.filter((a) => a.myStatus === 'signed') : []));
  protected readonly signedReleases = computed(() => (this.releases.hasValue() ? this.releases.value().items.filter((r) => r.signedByMe) : []));
}
