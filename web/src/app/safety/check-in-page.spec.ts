import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { PortalCheckIn } from '../core/api/safety-types';
import { buildCheckInForm, CheckInPage } from './check-in-page';

const checkIn: PortalCheckIn = {
  id: 'k1',
  title: 'Check-in',
  introduction: 'A few short questions for your therapist only.',
  requestedAt: '2026-11-18T09:00:00Z',
  items: [
    {
      name: 'feelSafeAtHome', label: 'Do you feel safe at home?', type: 'choice', required: true, maxLength: null, hint: null,
      options: [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }],
    },
    { name: 'freeText', label: 'Anything else?', type: 'text', required: false, maxLength: 2000, hint: 'Optional.', options: null },
  ],
};

describe('CheckInPage', () => {
  let fixture: ComponentFixture<CheckInPage>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  const settle = async () => {
    await fixture.whenStable();
    fixture.detectChanges();
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(CheckInPage);
    fixture.componentRef.setInput('id', 'k1');
    element = fixture.nativeElement;
    fixture.detectChanges();
    backend.expectOne((r) => r.url === '/api/portal/check-ins').flush({ items: [checkIn], page: 1, pageSize: 100, total: 1 });
    await settle();
  });

  afterEach(() => backend.verify());

  it('builds required and optional controls from the items', () => {
    const form = buildCheckInForm(checkIn.items);
    expect(form.controls.answers.controls['feelSafeAtHome'].hasError('required')).toBe(true);
    expect(form.controls.answers.controls['freeText'].valid).toBe(true);
  });

  it('asks neutrally, with each choice labelled by its question', () => {
    expect(element.querySelector('h1')?.textContent).toBe('Check-in');
    expect(element.textContent).toContain('Leave this page');
    const group = element.querySelector('mat-radio-group')!;
    expect(element.querySelector(`#${group.getAttribute('aria-labelledby')}`)?.textContent).toContain('Do you feel safe at home?');
  });

  it('does not send until each required question is answered', async () => {
    (element.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await settle();
    backend.expectNone('/api/portal/check-ins/k1');
    expect(element.textContent).toContain('Please answer each question marked below.');
  });

  it('sends only the answers given, and thanks the same way whatever was said', async () => {
    (element.querySelectorAll('mat-radio-button input')[1] as HTMLInputElement).click();
    const text = element.querySelector('textarea')!;
    text.value = '  It gets loud.  ';
    text.dispatchEvent(new Event('input'));
    (element.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    const request = backend.expectOne({ method: 'POST', url: '/api/portal/check-ins/k1' });
    expect(request.request.body).toEqual({ answers: { feelSafeAtHome: 'no', freeText: 'It gets loud.' } });
    request.flush({ crisisResources: { markdown: 'Samaritans 116 123', html: '<p>Samaritans <a href="tel:116123">116 123</a></p>' } });
    await settle();
    expect(element.querySelector('[role="status"]')?.textContent).toBe('Thank you. Your answers went to your therapist only.');
    const panel = element.querySelector('app-crisis-resources')!;
    expect(panel.querySelector('a[href="tel:116123"]')).not.toBeNull();
    expect(panel.compareDocumentPosition(element.querySelector('[role="status"]')!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(element.querySelector('form')).toBeNull();
  });
});
