import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Partner } from '../core/api/api-types';
import { SafetyOverview } from '../core/api/safety-types';
import { riskRecord } from './safety-fixture';
import { SafetyPanel } from './safety-panel';

const partners: Partner[] = [
  { id: 'pa', label: 'partner_a', firstName: 'Alex', lastName: 'Reed', pronouns: null, email: 'a@x.y', portalStatus: 'active', version: 1, pendingEmail: null },
  { id: 'pb', label: 'partner_b', firstName: 'Sam', lastName: 'Reed', pronouns: null, email: 's@x.y', portalStatus: 'active', version: 1, pendingEmail: null },
];

const overview = (): SafetyOverview => ({
  coupleId: 'c1',
  summary: { hasOpenFlag: true, jointSessionsPaused: false, needsJointConfirmation: true, openFlagSources: ['Check-in'] },
  flags: [
    {
      id: 'f1', partnerId: 'pb', partnerLabel: 'partner_b', source: 'check_in', sourceLabel: 'Check-in', safetyCheckId: 'k1', assessmentId: null, instrument: null,
      raisedAt: '2026-11-18T09:00:00Z',
      reasons: [{ item: 'afraidToSpeakInJointSessions', answer: 'yes', answerLabel: 'Yes', reason: 'Afraid to speak openly in joint sessions' }],
      freeText: 'It gets loud at home.', status: 'open', resolvedAt: null, resolvedBy: null, resolutionNote: null,
    },
  ],
  checks: [
    {
      id: 'k1', partnerId: 'pb', partnerLabel: 'partner_b', reason: 'intake', status: 'answered', requestedAt: '2026-11-17T09:00:00Z',
      requestedBy: 't1', answeredAt: '2026-11-18T09:00:00Z', flagId: 'f1',
      answers: [{ item: 'afraidToSpeakInJointSessions', question: 'Afraid to speak openly?', answer: 'yes', answerLabel: 'Yes', flagged: true }],
    },
    {
      id: 'k2', partnerId: 'pa', partnerLabel: 'partner_a', reason: 'therapist_request', status: 'pending',
      requestedAt: '2026-11-19T09:00:00Z', requestedBy: 't1', answeredAt: null, flagId: null, answers: null,
    },
  ],
  riskRecords: [riskRecord({ partnerId: 'pa', partnerLabel: 'partner_a', recorded: false }), riskRecord()],
});

describe('SafetyPanel', () => {
  let fixture: ComponentFixture<SafetyPanel>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  const settle = async () => {
    await fixture.whenStable();
    fixture.detectChanges();
  };
  const button = (text: string) => Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.includes(text))!;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(SafetyPanel);
    fixture.componentRef.setInput('coupleId', 'c1');
    fixture.componentRef.setInput('partners', partners);
    element = fixture.nativeElement;
    fixture.detectChanges();
    backend.expectOne('/api/couples/c1/safety').flush(overview());
    await settle();
  });

  afterEach(() => backend.verify());

  it('shows an open flag with its reasons and the partner\'s own words, and each partner\'s check-ins and risk record', () => {
    const flag = element.querySelector('ul.flags > li')!;
    expect(flag.textContent).toContain('Open');
    expect(flag.textContent).toContain('Sam');
    expect(flag.textContent).toContain('Afraid to speak openly in joint sessions');
    expect(flag.textContent).toContain('It gets loud at home.');
    const articles = element.querySelectorAll('article.partner');
    expect(articles[0].textContent).toContain('Waiting');
    expect(articles[1].textContent).toContain('flagged');
    expect(element.querySelectorAll('app-risk-record-form')).toHaveLength(2);
  });

  it('resolves a flag only with a note, then reloads the safety record', async () => {
    button('Resolve').click();
    await settle();
    button('Resolve flag').click();
    await settle();
    backend.expectNone('/api/safety-flags/f1/resolve');
    expect(element.textContent).toContain('A flag is resolved only with a note.');

    const note = element.querySelector<HTMLTextAreaElement>('ul.flags textarea')!;
    note.value = 'Seen individually; safety plan agreed.';
    note.dispatchEvent(new Event('input'));
    button('Resolve flag').click();
    const request = backend.expectOne({ method: 'POST', url: '/api/safety-flags/f1/resolve' });
    expect(request.request.body).toEqual({ note: 'Seen individually; safety plan agreed.' });
    request.flush({ ...overview().flags[0], status: 'resolved' });
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
    backend.expectOne('/api/couples/c1/safety').flush({ ...overview(), flags: [] });
    await settle();
    expect(element.textContent).toContain('No flags.');
  });

  it('requests a check-in, but not while one is already waiting', async () => {
    const [alexRequest, samRequest] = Array.from(element.querySelectorAll<HTMLButtonElement>('article.partner button')).filter((b) =>
      b.textContent?.includes('Request a check-in'),
    );
    expect(alexRequest.disabled).toBe(true);
    expect(element.textContent).toContain('A check-in is already waiting.');
    samRequest.click();
    backend.expectOne({ method: 'POST', url: '/api/couples/c1/safety-checks' }).flush({ id: 'k3' });
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
    backend.expectOne('/api/couples/c1/safety').flush(overview());
    await settle();
    expect(element.textContent).toContain('Sam will find a check-in in the portal.');
  });
});
