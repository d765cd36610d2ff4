import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { Agreement, PartnerSignature, PortalAgreement } from '../core/api/agreement-types';
import { FieldDefinition } from '../core/api/homework-types';
import { signatureText, unsigned } from './agreement-labels';
import { answerText } from './intake-section';
import { buildSectionForm, sectionAnswers } from './portal-form-page';
import { PortalAgreementPage } from './portal-agreement-page';

const date = (iso: string) => iso.slice(0, 10);

describe('agreement labels', () => {
  const partner = (p: Partial<PartnerSignature>) => ({ partnerId: 'p', firstName: 'Sam', status: 'pending', ...p }) as PartnerSignature;

  it('says how each partner answered: waiting, signed as typed, on paper, declined with the reason', () => {
    expect(signatureText(partner({}), date)).toBe('Waiting');
    expect(signatureText(partner({ status: 'signed', method: 'electronic', signedAt: '2026-12-01T10:00:00Z', typedName: 'sam reed' }), date))
      .toBe('Signed 2026-12-01 as “sam reed”');
    expect(signatureText(partner({ status: 'signed', method: 'paper', paperSignedOn: '2026-11-30' }), date)).toBe('Signed on paper 2026-11-30');
    expect(signatureText(partner({ status: 'declined', declinedAt: '2026-12-02T09:00:00Z', declineReason: 'Later.' }), date))
      .toBe('Declined 2026-12-02: “Later.”');
  });

  it('reminds and records paper only for partners who have not signed a current agreement', () => {
    const partners = [partner({ partnerId: 'a', status: 'signed' }), partner({ partnerId: 'b', status: 'declined' })];
    expect(unsigned({ current: true, partners } as Agreement).map((p) => p.partnerId)).toEqual(['b']);
    expect(unsigned({ current: false, partners } as Agreement)).toEqual([]);
  });
});

describe('intake answers', () => {
  const fields = [
    { name: 'yearsTogether', label: 'Years', type: 'integer', required: true, min: 0, max: 80 },
    { name: 'livingTogether', label: 'Live together', type: 'boolean', required: true },
    { name: 'children', label: 'Children', type: 'text', required: false, maxLength: 100 },
    { name: 'commitment', label: 'Commitment', type: 'choice', required: true, options: [{ value: 'fully', label: 'Fully committed' }, { value: 'unsure', label: 'Unsure' }] },
  ] as FieldDefinition[];

  it('builds a section from the answers so far and sends trimmed text, an emptied optional answer as null', () => {
    const form = buildSectionForm({ key: 's', title: 'S', fields } as never, { yearsTogether: 7, children: 'Mia, 4' });
    expect(form.controls['yearsTogether'].value).toBe(7);
    expect(form.controls['livingTogether'].value).toBeNull();
    expect(form.valid).toBe(false); // required answers not chosen yet
    form.patchValue({ livingTogether: false, commitment: 'unsure', children: '   ' });
    expect(sectionAnswers(form, fields)).toEqual({ yearsTogether: 7, livingTogether: false, children: null, commitment: 'unsure' });
  });

  it('reads answers back for the therapist in words', () => {
    expect(answerText(fields[1], false)).toBe('No');
    expect(answerText(fields[3], 'fully')).toBe('Fully committed');
    expect(answerText(fields[2], null)).toBe('—');
  });
});

describe('PortalAgreementPage', () => {
  const agreement = {
    id: 'a1', kind: 'confidentiality_policy', title: 'What happens to things one of you tells me alone', documentVersion: 2,
    policy: 'limited_secrets', sentAt: '2026-12-01T10:00:00Z', superseded: false, body: '# Policy', html: '<h1>Policy</h1><p>Text</p>',
    textSha256: 'ab'.repeat(32), myStatus: 'pending', mySignature: null, myDecline: null,
  } as PortalAgreement;

  async function open() {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(PortalAgreementPage);
    fixture.componentRef.setInput('id', 'a1');
    fixture.detectChanges();
    backend.expectOne('/api/portal/agreements/a1').flush(agreement);
    backend.expectOne('/api/portal/me').flush({ id: 'p', firstName: 'Alex', lastName: 'Reed', label: 'partner_a', mapShared: false });
    await fixture.whenStable();
    fixture.detectChanges();
    return { backend, fixture };
  }

  it('shows the chosen policy and the text, and signs with the typed name and the hash of the text shown', async () => {
    const { backend, fixture } = await open();
    const text = fixture.nativeElement.textContent as string;
    expect(text).toContain('The policy chosen for you: Limited secrets.');
    expect(text).toContain('Alex Reed');
    const page = fixture.componentInstance as unknown as { sign: (name: string) => Promise<void> };

    const done = page.sign('alex reed');
    const request = backend.expectOne({ method: 'POST', url: '/api/portal/agreements/a1/sign' });
    expect(request.request.body).toEqual({ typedName: 'alex reed', agreeToSignElectronically: true, textSha256: agreement.textSha256 });
    request.flush({ ...agreement, myStatus: 'signed', mySignature: { method: 'electronic', signedAt: '2026-12-02T08:00:00Z', typedName: 'alex reed', textSha256: agreement.textSha256 } });
    await done;
    fixture.detectChanges();
    expect(fixture.nativeElement.textContent).toContain('You signed this');
    expect(fixture.nativeElement.textContent).toContain(agreement.textSha256);
  });

  it("puts the API's refusal of the typed name on the name field", async () => {
    const { backend, fixture } = await open();
    const page = fixture.componentInstance as unknown as { sign: (name: string) => Promise<void>; signForm: { controls: { typedName: { errors: unknown } } } };
    const done = page.sign('Sam Reed');
    backend
      .expectOne({ method: 'POST', url: '/api/portal/agreements/a1/sign' })
      .flush({ status: 400, errors: { typedName: ['Type your own full name as your therapist has it: Alex Reed.'] } }, { status: 400, statusText: 'Bad Request' });
    await done;
    expect(page.signForm.controls.typedName.errors).toMatchObject({ server: 'Type your own full name as your therapist has it: Alex Reed.' });
  });
});
