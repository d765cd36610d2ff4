import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Partner } from '../core/api/api-types';
import { MeasureSchedule } from '../core/api/assessment-types';
import { MeasureSchedules } from './measure-schedules';

const partners = [
  { id: 'pa', label: 'partner_a', firstName: 'Alex', lastName: 'Reed' },
  { id: 'pb', label: 'partner_b', firstName: 'Sam', lastName: 'Reed' },
] as Partner[];

function schedule(over: Partial<MeasureSchedule>): MeasureSchedule {
  return {
    id: 's1', coupleId: 'c1', partnerId: 'pa', instrument: 'CSI-4', everyWeeks: 2, startsOn: '2026-11-02', until: null, count: 6,
    createdAt: '2026-11-02T09:00:00Z', stoppedAt: null, running: true, nextDueOn: '2026-11-30',
    requests: [{ questionnaireRequestId: 'q2', dueOn: '2026-11-16', status: 'missed' }],
    ...over,
  };
}

describe('MeasureSchedules', () => {
  async function create() {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(MeasureSchedules);
    fixture.componentRef.setInput('coupleId', 'c1');
    fixture.componentRef.setInput('partners', partners);
    fixture.detectChanges();
    backend.expectOne('/api/instruments').flush([]);
    return { fixture, backend, element: fixture.nativeElement as HTMLElement };
  }

  async function settle(fixture: { whenStable(): Promise<unknown> }) {
    await new Promise((r) => setTimeout(r));
    await fixture.whenStable();
  }

  it('lists each schedule in words with its next date and the requests made, and stops one', async () => {
    const { fixture, backend, element } = await create();
    backend.expectOne('/api/couples/c1/measure-schedules').flush([schedule({})]);
    await settle(fixture);

    const text = element.textContent ?? '';
    expect(text).toContain('CSI-4 for Alex, every 2 weeks');
    expect(text).toContain('next 30 Nov 2026');
    expect(text).toContain('16 Nov: missed');

    Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim().startsWith('Stop'))!.click();
    const stop = backend.expectOne((r) => r.method === 'DELETE' && r.url === '/api/couples/c1/measure-schedules/s1');
    stop.flush(schedule({ running: false, stoppedAt: '2026-11-20T10:00:00Z', nextDueOn: null }));
    await new Promise((r) => setTimeout(r));
    backend.expectOne('/api/couples/c1/measure-schedules').flush([schedule({ running: false, stoppedAt: '2026-11-20T10:00:00Z', nextDueOn: null })]);
    await settle(fixture);
    expect(element.textContent).toContain('stopped 20 Nov 2026');
    expect(element.textContent).toContain('The answers so far are kept.');
    backend.verify();
  });

  it('schedules for both partners with one request each, by count', async () => {
    const { fixture, backend, element } = await create();
    backend.expectOne('/api/couples/c1/measure-schedules').flush([]);
    await settle(fixture);

    element.querySelector('form')!.dispatchEvent(new Event('submit'));
    // Not whenStable: it waits for the request in flight, which the test answers next.
    await new Promise((r) => setTimeout(r));
    const first = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/couples/c1/measure-schedules');
    expect(first.request.body).toEqual(expect.objectContaining({ partnerId: 'pa', instrument: 'CSI-4', everyWeeks: 2, count: 6, until: null }));
    first.flush(schedule({}));
    await new Promise((r) => setTimeout(r));
    const second = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/couples/c1/measure-schedules');
    expect(second.request.body.partnerId).toBe('pb');
    second.flush(schedule({ id: 's2', partnerId: 'pb' }));
    await new Promise((r) => setTimeout(r));
    fixture.detectChanges();
    backend.expectOne('/api/couples/c1/measure-schedules').flush([schedule({}), schedule({ id: 's2', partnerId: 'pb' })]);
    await settle(fixture);
    expect(element.textContent).toContain('CSI-4 every 2 weeks scheduled for Alex and Sam.');
    backend.verify();
  });
});
