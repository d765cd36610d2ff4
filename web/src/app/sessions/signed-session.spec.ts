import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Session } from '../core/api/api-types';
import { couple, session } from './session-fixture';
import { SignedSession } from './signed-session';

/** The fixture's session, signed, with a marker this build does not know. */
const signed: Session = {
  ...session,
  format: 'in_person',
  eftStage: 1,
  eftStep: 2,
  note: '',
  cycle: { ...session.cycle!, markers: ['cycleNamedByCouple', 'someNewMarker'] },
  signedAt: '2026-11-09T18:00:00Z',
  signedByName: 'Ada Moss',
  version: 5,
};

describe('SignedSession', () => {
  async function render(session: Session): Promise<HTMLElement> {
    TestBed.configureTestingModule({ imports: [SignedSession], providers: [provideHttpClient(), provideHttpClientTesting()] });
    const fixture = TestBed.createComponent(SignedSession);
    fixture.componentRef.setInput('session', session);
    fixture.componentRef.setInput('couple', couple);
    await fixture.whenStable();
    return fixture.nativeElement;
  }

  it('shows the cycle record, naming known markers and showing an unknown one as sent', async () => {
    const element = await render(signed);

    expect(Array.from(element.querySelectorAll('table.cycle tbody th')).map((th) => th.textContent?.trim())).toEqual(['Alex', 'Sam']);
    expect(element.textContent).toContain('Couple named the cycle, someNewMarker');
  });

  it('says so when the session was stored without a cycle record', async () => {
    const element = await render({ ...signed, cycle: null });

    expect(element.querySelector('table.cycle')).toBeNull();
    expect(element.textContent).toContain('No cycle record was kept for this session.');
  });

  describe('amending', () => {
    async function open(session: Session = signed) {
      TestBed.configureTestingModule({ imports: [SignedSession], providers: [provideHttpClient(), provideHttpClientTesting()] });
      const fixture = TestBed.createComponent(SignedSession);
      fixture.componentRef.setInput('session', session);
      fixture.componentRef.setInput('couple', couple);
      await fixture.whenStable();
      const element: HTMLElement = fixture.nativeElement;
      Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Amend')!.click();
      await fixture.whenStable();
      fixture.detectChanges();
      const settle = async () => {
        await fixture.whenStable();
        fixture.detectChanges();
      };
      const type = (selector: string, value: string, index = 0) => {
        const input = element.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(selector)[index];
        input.value = value;
        input.dispatchEvent(new Event('input'));
      };
      let emitted: Session | undefined;
      fixture.componentInstance.amended.subscribe((s) => (emitted = s));
      return { fixture, element, settle, type, backend: TestBed.inject(HttpTestingController), emitted: () => emitted };
    }

    it('appends a text amendment and leaves the cycle record alone', async () => {
      const { element, settle, type, backend, emitted } = await open();
      type('textarea[formcontrolname="text"]', 'Sam added context by email.');
      (element.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
      const request = backend.expectOne({ method: 'POST', url: '/api/sessions/s1/amendments' });
      expect(request.request.body).toEqual({ text: 'Sam added context by email.' });
      request.flush({ ...signed, amendments: [{ id: 'a1', text: 'Sam added context by email.', authorId: 't', authorName: 'Ada Moss', createdAt: '2026-11-10T09:00:00Z', correctsCycle: false, cycleBefore: null, cycleAfter: null }] });
      await settle();
      expect(element.querySelector('[role="status"]')?.textContent).toBe('Amendment added.');
      expect(emitted()?.amendments).toHaveLength(1);
      backend.verify();
    });

    it('corrects a cycle value with a reason, sending the whole record with triggers and markers kept', async () => {
      const { element, settle, type, backend } = await open();
      (element.querySelector('mat-checkbox input') as HTMLInputElement).click();
      await settle();
      expect(element.querySelector('legend')?.textContent).toContain('Corrected cycle values');
      type('input[formcontrolname="intensity"]', '4', 0);
      type('textarea[formcontrolname="text"]', 'Typed 7; the rating agreed in session was 4.');
      (element.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
      const request = backend.expectOne({ method: 'POST', url: '/api/sessions/s1/amendments' });
      expect(request.request.body).toEqual({
        text: 'Typed 7; the rating agreed in session was 4.',
        cycle: {
          partners: [
            { partnerId: 'pa', position: 'pursue', intensity: 4 },
            { partnerId: 'pb', position: 'withdraw', intensity: 6 },
          ],
          episodesSinceLastSession: 3, peakIntensity: 8, repairMinutes: 120, triggers: ['chores'], markers: ['cycleNamedByCouple', 'someNewMarker'],
        },
      });
      request.flush({ ...signed });
      await settle();
      expect(element.querySelector('[role="status"]')?.textContent).toBe('Amendment added; the cycle values are corrected.');
      backend.verify();
    });

    it('refuses an intensity outside 0–10 before sending', async () => {
      const { element, settle, type, backend } = await open();
      (element.querySelector('mat-checkbox input') as HTMLInputElement).click();
      await settle();
      type('input[formcontrolname="intensity"]', '11', 1);
      type('textarea[formcontrolname="text"]', 'Fix.');
      (element.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
      await settle();
      backend.expectNone('/api/sessions/s1/amendments');
      backend.verify();
    });
  });

  it('marks a corrected record and lists what each correction changed', async () => {
    const element = await render({
      ...signed,
      cycleCorrectedAt: '2026-11-10T09:00:00Z',
      amendments: [
        {
          id: 'a1', text: 'Typed 7.', authorId: 't', authorName: 'Ada Moss', createdAt: '2026-11-10T09:00:00Z', correctsCycle: true,
          cycleBefore: { ...signed.cycle!, partners: [{ partnerId: 'pa', position: 'pursue', intensity: 7 }, signed.cycle!.partners[1]] },
          cycleAfter: { ...signed.cycle!, partners: [{ partnerId: 'pa', position: 'pursue', intensity: 4 }, signed.cycle!.partners[1]], peakIntensity: 6 },
        },
      ],
    });
    expect(element.querySelector('.corrected')?.textContent).toContain('corrected by an amendment');
    expect(Array.from(element.querySelectorAll('.changes li')).map((li) => li.textContent)).toEqual([
      'Alex intensity 7 → 4',
      'Peak intensity 8 → 6',
    ]);
  });
});
