import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Partner } from '../core/api/api-types';
import { QuestionnaireRequestForm } from './questionnaire-request-form';

const partners: Partner[] = [
  { id: 'pa', label: 'partner_a', firstName: 'Alex', lastName: 'Reed', pronouns: null, email: 'a@x.y', portalStatus: 'active', version: 1, pendingEmail: null },
  { id: 'pb', label: 'partner_b', firstName: 'Sam', lastName: 'Reed', pronouns: null, email: 's@x.y', portalStatus: 'active', version: 1, pendingEmail: null },
];

describe('QuestionnaireRequestForm', () => {
  let fixture: ComponentFixture<QuestionnaireRequestForm>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  const settle = async () => {
    await fixture.whenStable();
    fixture.detectChanges();
  };
  const form = () => fixture.componentInstance as unknown as { form: { controls: { partnerId: { setValue(v: string): void } } } };
  const submit = () => (element.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(QuestionnaireRequestForm);
    fixture.componentRef.setInput('coupleId', 'c1');
    fixture.componentRef.setInput('partners', partners);
    element = fixture.nativeElement;
    await settle();
  });

  afterEach(() => backend.verify());

  it('needs a partner before asking', async () => {
    submit();
    await settle();
    backend.expectNone('/api/couples/c1/questionnaire-requests');
    expect(element.querySelector('mat-error')?.textContent).toContain('The partner');
  });

  it('asks for the ECR-RS, scores hidden by default, then names who will find it and resets', async () => {
    form().form.controls.partnerId.setValue('pb');
    submit();
    const request = backend.expectOne({ method: 'POST', url: '/api/couples/c1/questionnaire-requests' });
    expect(request.request.body).toEqual({ partnerId: 'pb', instrument: 'ECR-RS', shareResultsWithClient: false });
    let emitted = false;
    fixture.componentInstance.requested.subscribe(() => (emitted = true));
    request.flush({ id: 'q1' });
    await settle();
    expect(element.querySelector('[role="status"]')?.textContent).toBe('Sam will find the ECR-RS in the portal.');
    expect(emitted).toBe(true);
  });

  it('sends "show their scores" when the therapist chooses it', async () => {
    form().form.controls.partnerId.setValue('pa');
    (element.querySelectorAll('mat-radio-button input')[1] as HTMLInputElement).click();
    submit();
    const request = backend.expectOne({ method: 'POST', url: '/api/couples/c1/questionnaire-requests' });
    expect(request.request.body.shareResultsWithClient).toBe(true);
    request.flush({ id: 'q2' });
    await settle();
  });

  it('shows a refusal from the API as a message, not as success', async () => {
    form().form.controls.partnerId.setValue('pa');
    submit();
    backend
      .expectOne({ method: 'POST', url: '/api/couples/c1/questionnaire-requests' })
      .flush({ detail: 'This partner already has a questionnaire waiting.' }, { status: 409, statusText: 'Conflict' });
    await settle();
    expect(element.textContent).toContain('already has a questionnaire waiting');
    expect(element.querySelector('[role="status"]')?.textContent).toBe('');
  });
});
