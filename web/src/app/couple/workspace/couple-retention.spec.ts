import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { RetentionCouple } from '../../core/api/retention-api';
import { CoupleContext } from './couple-context';
import { CoupleRetention } from './couple-retention';

const closed: RetentionCouple = {
  coupleId: 'c1', displayName: 'Alex & Sam', therapistName: 'Ada Moss', status: 'closed', closedOn: '2026-12-01',
  retainUntil: '2033-12-01', legalHold: false, holdReason: null, holdChangedAt: null, purgeable: false,
};

describe('CoupleRetention', () => {
  async function setUp(retention: RetentionCouple) {
    TestBed.configureTestingModule({
      imports: [CoupleRetention],
      providers: [provideHttpClient(), provideHttpClientTesting(), CoupleContext],
    });
    const backend = TestBed.inject(HttpTestingController);
    TestBed.inject(CoupleContext).id.set('c1');
    const fixture = TestBed.createComponent(CoupleRetention);
    fixture.detectChanges();
    TestBed.tick();
    backend.expectOne('/api/couples/c1/retention').flush(retention);
    // The context's own read of the couple is not this panel's; answered so nothing is left pending.
    for (const read of backend.match('/api/couples/c1')) read.flush({ id: 'c1' });
    await fixture.whenStable();
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    return { backend, fixture, element, button: () => element.querySelector('button')! };
  }

  it('says until when the record is kept, and places a hold with its reason', async () => {
    const { backend, fixture, element, button } = await setUp(closed);
    expect(element.textContent).toContain('kept until');
    expect(element.textContent).toContain('Legal hold: none.');

    button().click();
    fixture.detectChanges();
    backend.expectNone((r) => r.method === 'PUT');
    expect(element.textContent).toContain('Say why the record is held.');

    const reason = element.querySelector<HTMLInputElement>('input')!;
    reason.value = 'Subpoena received';
    reason.dispatchEvent(new Event('input'));
    button().click();
    const put = backend.expectOne((r) => r.method === 'PUT' && r.url === '/api/couples/c1/retention');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({ legalHold: true, holdReason: 'Subpoena received' });
    put.flush({ ...closed, legalHold: true, holdReason: 'Subpoena received', holdChangedAt: '2026-12-07T10:00:00Z' });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(element.textContent).toContain('on — Subpoena received');
    expect(button().textContent?.trim()).toBe('Release the hold');
    expect(element.querySelector('[role=status]')?.textContent).toBe('Legal hold placed.');
  });

  it('explains the period for an open couple', async () => {
    const { element } = await setUp({ ...closed, status: 'active', closedOn: null, retainUntil: null });
    expect(element.textContent).toContain('kept while the couple is open');
  });
});
