import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { PortalPlan } from '../core/api/plan-types';
import { PortalPlanPage } from './portal-plan-page';

const plan: PortalPlan = {
  version: 2, savedAt: '2026-11-01T10:00:00Z', text: 'Our treatment plan, version 2', textSha256: 'abc', agreedVersion: null, agreedAt: null,
  goals: [
    { id: 'g1', shared: true, statement: 'Feel satisfied together', targetDate: null, status: 'active',
      progress: { value: 16, target: 14, comparison: 'at_least', achieved: true, reading: 'Target reached on 1 Dec 2026.',
        history: [{ on: '2026-12-01', value: 16, partner: 'partner_b' }] } },
    { id: 'g2', shared: false, statement: 'Stay in the room', targetDate: '2027-03-01', status: 'active', progress: null },
  ],
};

describe('PortalPlanPage', () => {
  let fixture: ComponentFixture<PortalPlanPage>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    fixture.detectChanges();
  };

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [PortalPlanPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(PortalPlanPage);
    element = fixture.nativeElement;
    fixture.detectChanges();
    TestBed.tick();
  });

  afterEach(() => backend.verify());

  it('shows our goals and my own in plain words, and agrees to the version read with my typed name', async () => {
    backend.expectOne('/api/portal/treatment-plan').flush(plan);
    backend.expectOne('/api/portal/me').flush({ id: 'pb', firstName: 'Sam', lastName: 'Reed', pronouns: null, label: 'partner_b', mapShared: false, hasTreatmentPlan: true });
    await settle();

    const headings = Array.from(element.querySelectorAll('h2')).map((h) => h.textContent?.trim());
    expect(headings).toEqual(['Our goals as a couple', 'My own goals', 'I agree to this plan', 'Sign']);
    expect(element.textContent).toContain('Your latest is 16; the aim is at least 14. You reached it on 1 Dec 2026.');
    expect(element.textContent).toContain('Aiming for 1 Mar 2027');
    expect(element.textContent).not.toMatch(/\d{4}-\d{2}-\d{2}/);

    const name = element.querySelector('input[formcontrolname="typedName"]') as HTMLInputElement;
    name.value = 'Sam Reed';
    name.dispatchEvent(new Event('input'));
    (element.querySelector('mat-checkbox input') as HTMLInputElement).click();
    fixture.detectChanges();
    (element.querySelector('app-sign-form form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    const request = backend.expectOne({ method: 'POST', url: '/api/portal/treatment-plan/agreement' });
    expect(request.request.body).toEqual({ version: 2, typedName: 'Sam Reed', agreeToSignElectronically: true, textSha256: 'abc' });
    request.flush({ ...plan, agreedVersion: 2, agreedAt: '2026-12-07T10:00:00Z' });
    await settle();
    expect(element.textContent).toContain('You agreed to this plan on 7 Dec 2026.');
    expect(element.querySelector('app-sign-form')).toBeNull();
  });

  it('says there is no plan yet before the therapist writes one', async () => {
    backend.expectOne('/api/portal/treatment-plan').flush({ title: 'Not found' }, { status: 404, statusText: 'Not Found' });
    backend.expectOne('/api/portal/me').flush({ id: 'pb', firstName: 'Sam', lastName: 'Reed', pronouns: null, label: 'partner_b', mapShared: false, hasTreatmentPlan: false });
    await settle();
    expect(element.textContent).toContain('Your therapist has not written your plan yet.');
  });
});
