import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Couple, Session } from '../core/api/api-types';
import { SignedSession } from './signed-session';

const couple: Couple = {
  id: 'c1',
  displayName: 'Alex & Sam',
  status: 'active',
  startedOn: '2026-10-01',
  closedOn: null,
  presentingConcerns: '',
  goals: '',
  version: 1,
  partners: [
    { id: 'pa', label: 'partner_a', firstName: 'Alex', lastName: 'Reed', pronouns: null, email: 'a@x.y', portalStatus: 'none', version: 1 },
    { id: 'pb', label: 'partner_b', firstName: 'Sam', lastName: 'Reed', pronouns: null, email: 's@x.y', portalStatus: 'none', version: 1 },
  ],
};

const signed: Session = {
  id: 's1',
  coupleId: 'c1',
  date: '2026-11-09',
  startTime: '17:00',
  durationMinutes: 50,
  format: 'in_person',
  attendance: 'both',
  eftStage: 1,
  eftStep: 2,
  note: '',
  cycle: {
    partners: [
      { partnerId: 'pa', position: 'pursue', intensity: 7 },
      { partnerId: 'pb', position: 'withdraw', intensity: 6 },
    ],
    episodesSinceLastSession: 3,
    peakIntensity: 8,
    repairMinutes: 120,
    triggers: ['chores'],
    markers: ['cycleNamedByCouple', 'someNewMarker'],
  },
  signedAt: '2026-11-09T18:00:00Z',
  signedByName: 'Ada Moss',
  version: 5,
  amendments: [],
  cycleCorrectedAt: null,
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
});
