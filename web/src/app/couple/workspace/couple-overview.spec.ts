import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { CaseloadRow } from '../../core/api/dashboard-types';
import { csiSeries, dashboardFixture } from '../couple-dashboard/dashboard-fixture';
import { CoupleContext } from './couple-context';
import { CoupleOverview } from './couple-overview';
import { couple } from './workspace-fixture';
import { planFixture } from '../../treatment-plan/plan-fixture';


const row: CaseloadRow = {
  coupleId: 'c1',
  displayName: 'Alex & Sam',
  status: 'active',
  startedOn: '2026-10-01',
  sessionCount: 3,
  lastSessionOn: '2026-11-16',
  nextSessionOn: '2026-11-30',
  currentEftStage: 1,
  currentEftStep: 3,
  cycleTrend: 'falling',
  recentMeanIntensities: [7.5, 5.5, 4],
  adherence14Days: 0.5,
  pendingQuestionnaires: 1,
  unreadMessages: 0,
  alerts: [{ code: 'safety_flag', severity: 'critical', message: 'A check-in raised a safety concern.' }],
};

describe('CoupleOverview', () => {
  let fixture: ComponentFixture<CoupleOverview>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    fixture.detectChanges();
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [CoupleOverview],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), CoupleContext],
    });
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(CoupleContext).id.set('c1');
    fixture = TestBed.createComponent(CoupleOverview);
    element = fixture.nativeElement;
    fixture.detectChanges();
    TestBed.tick();
    backend.expectOne('/api/couples/c1').flush(couple);
    backend.expectOne('/api/couples/c1/caseload-row').flush(row);
    backend.expectOne('/api/couples/c1/dashboard').flush({ ...dashboardFixture(), measures: [csiSeries()] });
    // The policy note and the retention panel are drawn with the couple and each read their own row (whenStable would wait on them).
    await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
    TestBed.tick();
    backend
      .expectOne('/api/couples/c1/agreements')
      .flush({ items: [], policy: 'limited_secrets', consent: { complete: false, missingPartnerIds: ['pb'] } });
    backend.expectOne('/api/couples/c1/treatment-plan').flush(planFixture({ reviewDue: true, reviewDueOn: '2026-11-15' }));
    backend.expectOne('/api/couples/c1/retention').flush({
      coupleId: 'c1', displayName: 'Alex & Sam', therapistName: 'Ada Moss', status: 'active', closedOn: null, retainUntil: null,
      legalHold: false, holdReason: null, holdChangedAt: null, purgeable: false,
    });
    await settle();
  });

  afterEach(() => backend.verify());

  it('shows where the couple stands: status, next appointment, alerts, last cycle, adherence, latest scores', () => {
    const text = element.textContent ?? '';
    expect(text).toContain('Active');
    const status = element.querySelector('[aria-labelledby="status-heading"]')!;
    expect(status.textContent).toContain('Next appointment');
    expect(status.textContent).toMatch(/Mon,? 30 Nov 2026/);
    expect(status.querySelector('a[href="/couples/c1/appointments"]')?.textContent).toContain('Go to appointments');
    expect(element.querySelector('.alerts')?.textContent).toContain('A check-in raised a safety concern.');
    expect(element.querySelector('[aria-labelledby="agreements-card-heading"]')?.textContent).toContain('Confidentiality policy: Limited secrets.');
    expect(element.querySelector('.alerts a')?.getAttribute('href')).toBe('/couples/c1/safety');
    const last = element.querySelector('[aria-labelledby="last-cycle-heading"]')?.textContent ?? '';
    expect(last).toContain('Alex: Pursue, intensity 4 of 10');
    expect(last).toContain('Falling');
    expect(element.querySelector('.figure')?.textContent).toContain('50');
    expect(element.querySelector('[aria-labelledby="scores-heading"]')?.textContent).toContain('avoidance');
    // The latest CSI-4 of each partner, with where it stands against the cut-off (Alex went 12 → 16).
    const scores = (element.querySelector('[aria-labelledby="scores-heading"]')?.textContent ?? '').replace(/\s+/g, ' ');
    expect(scores).toContain('CSI-4 relationship satisfaction');
    expect(scores).toContain('Alex 16 (not below the 13.5 cut-off)');
    expect(scores).toContain('Sam 15 (not below the 13.5 cut-off)');
    expect(scores).not.toContain('Alex 12');
    // The plan at a glance: the reached target waiting for the therapist, the overdue review.
    const plan = (element.querySelector('[aria-labelledby="plan-card-heading"]')?.textContent ?? '').replace(/\s+/g, ' ');
    expect(plan).toContain('2 active goals, 0 met.');
    expect(plan).toContain('1 target reached, waiting for you to confirm.');
    expect(plan).toContain('Review due since 15 Nov 2026.');
    expect(element.querySelector('a[href="/couples/c1/plan"]')).not.toBeNull();
  });

  it('changes the status with the version it read', async () => {
    const component = fixture.componentInstance as unknown as { statusControl: { setValue(v: string): void } };
    component.statusControl.setValue('paused');
    await settle();
    (element.querySelector('form.status-form') as HTMLFormElement).dispatchEvent(new Event('submit'));

    const request = backend.expectOne({ method: 'PATCH', url: '/api/couples/c1' });
    expect(request.request.body).toEqual({ version: 3, status: 'paused' });
    request.flush({ ...couple, status: 'paused', version: 4 });
    await settle();
    expect(element.textContent).toContain('Status changed to paused.');
  });

  it('invites a partner to the portal and shows the link with its expiry', async () => {
    const buttons = Array.from(element.querySelectorAll<HTMLButtonElement>('article.partner button')).filter((b) =>
      b.textContent?.includes('Invite'),
    );
    expect(buttons).toHaveLength(1); // Sam already has an active account
    buttons[0].click();

    backend.expectOne({ method: 'POST', url: '/api/couples/c1/partners/pa/invitation' }).flush({
      invitationToken: 'tok/1',
      invitationExpiresAt: '2026-11-25T10:00:00Z',
    });
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
    backend.expectOne('/api/couples/c1').flush({ ...couple, partners: [{ ...couple.partners[0], portalStatus: 'invited' }, couple.partners[1]] });
    await settle();

    const link = element.querySelector('app-copy-link input') as HTMLInputElement;
    expect(link.value).toBe(`${location.origin}/invite?token=tok%2F1`);
    expect(element.querySelector('app-copy-link')?.textContent).toContain('expires');
    expect(element.querySelector('app-copy-link button')?.textContent).toContain('Copy link');
  });

  it('corrects a mistyped email with the partner version, and says the sign-in moves once the link is followed', async () => {
    const correct = Array.from(element.querySelectorAll<HTMLButtonElement>('button.correct'));
    correct[1].click(); // Sam
    await settle();
    const email = element.querySelector<HTMLInputElement>('input[formcontrolname="email"]')!;
    expect(email.value).toBe('s@x.y');
    email.value = 'sam@x.y';
    email.dispatchEvent(new Event('input'));
    (element.querySelector('article.partner form') as HTMLFormElement).dispatchEvent(new Event('submit'));

    const request = backend.expectOne({ method: 'PATCH', url: '/api/couples/c1/partners/pb' });
    expect(request.request.body).toEqual({ version: 5, firstName: 'Sam', lastName: 'Reed', pronouns: 'she/her', email: 'sam@x.y' });
    request.flush({ ...couple.partners[1], pendingEmail: 'sam@x.y', version: 6 });
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
    backend.expectOne('/api/couples/c1').flush(couple);
    await settle();
    expect(element.textContent).toContain('They keep signing in with s@x.y until they follow the link sent to sam@x.y.');
  });

  it('shows the API\'s field error when the email is already in the practice', async () => {
    element.querySelectorAll<HTMLButtonElement>('button.correct')[0].click();
    await settle();
    const email = element.querySelector<HTMLInputElement>('input[formcontrolname="email"]')!;
    email.value = 'taken@x.y';
    email.dispatchEvent(new Event('input'));
    (element.querySelector('article.partner form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    backend
      .expectOne({ method: 'PATCH', url: '/api/couples/c1/partners/pa' })
      .flush({ errors: { email: ['A partner with this email is already in the practice.'] } }, { status: 400, statusText: 'Bad Request' });
    await settle();
    expect(element.querySelector('article.partner form')?.textContent).toContain('A partner with this email is already in the practice.');
  });
});
