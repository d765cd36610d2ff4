import { WhenPipe } from '../shared/ui/when';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed } from '@angular/core';
import { RouterLink } from '@angular/router';
import { PortalAgreementList, PortalIntakeFormList, PortalReleaseList } from '../core/api/agreement-types';

/**
 * The portal home's "To sign" card: agreements and releases waiting for the partner's signature, and the intake
 * forms waiting for their answers — first on the page, since work starts only once they are done.
 */
@Component({
  selector: 'app-to-sign-card',
  imports: [WhenPipe, RouterLink],
  template: `
    @if (toSign().length || releasesToSign().length || forms().length) {
      <section aria-labelledby="to-sign-heading" class="to-sign">
        <h2 id="to-sign-heading">To sign and fill in</h2>
        <ul class="cards">
          @for (a of toSign(); track a.id) {
            <li>
              <a [routerLink]="['agreements', a.id]">{{ a.title }}</a>
              <p>{{ a.myStatus === 'declined' ? 'You said you were not ready yet' : 'To read and sign' }} · sent {{ a.sentAt | when }}</p>
            </li>
          }
          @for (r of releasesToSign(); track r.id) {
            <li>
              <a [routerLink]="['releases', r.id]">Release of information to {{ r.recipient }}</a>
              <p>To read and sign · until {{ r.expiresOn | when }}</p>
            </li>
          }
          @for (f of forms(); track f.id) {
            <li>
              <a [routerLink]="['forms', f.id]">{{ f.title }}</a>
              <p>{{ f.draftSavedAt ? 'Started — carry on where you stopped' : f.sectionCount + ' short parts, only for you and your therapist' }}</p>
            </li>
          }
        </ul>
      </section>
    }
    @if (hasSigned()) {
      <p><a routerLink="signed" class="signed-link">What I signed</a></p>
    }
  `,
  styles: `
    .to-sign .cards li { border-left: 4px solid var(--mat-sys-primary); }
    .signed-link { display: inline-flex; align-items: center; min-height: 44px; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ToSignCard {
  protected readonly agreements = httpResource<PortalAgreementList>(() => '/api/portal/agreements');
  protected readonly releases = httpResource<PortalReleaseList>(() => '/api/portal/releases');
  protected readonly formList = httpResource<PortalIntakeFormList>(() => '/api/portal/forms');

  protected readonly toSign = computed(() =>
    this.agreements.hasValue() ? this.agreements.value().items.filter((a) => a.myStatus !== 'signed' && !a.superseded) : [],
  );
  protected readonly releasesToSign = computed(() =>
    this.releases.hasValue() ? this.releases.value().items.filter((r) => !r.signedByMe && r.status === 'pending') : [],
  );
  protected readonly forms = computed(() => (this.formList.hasValue() ? this.formList.value().items.filter((f) => f.status === 'pending') : []));
  protected readonly hasSigned = computed(
    () =>
      (this.agreements.hasValue() && this.agreements.value().items.some((a) => a.myStatus === 'signed')) ||
      (this.releases.hasValue() && this.releases.value().items.some((r) => r.signedByMe)),
  );
}
