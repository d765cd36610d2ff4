import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { isExampleLink, NextSessionCard } from './next-session-card';

describe('NextSessionCard', () => {
  it('shows the session the API marks next (not one under way) and downloads its calendar file with the signed-in token', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(NextSessionCard);
    fixture.detectChanges();
    backend.expectOne('/api/portal/appointments').flush([
      // Booked but under way: still listed, not next (the API marks the next one).
      { id: 'u', startsAt: '2026-12-01T09:00:00', status: 'booked', durationMinutes: 50, format: 'in_person', timeZone: 'UTC', noteToClients: '', isNext: false },
      { id: 'x', startsAt: '2026-12-01T10:00:00', status: 'cancelled', durationMinutes: 50, format: 'in_person', timeZone: 'UTC', noteToClients: '', isNext: false },
      { id: 'a1', startsAt: '2026-12-03T17:00:00', status: 'booked', durationMinutes: 50, format: 'video', videoLink: 'https://meet.example/r', timeZone: 'Europe/London', noteToClients: 'Room 2', isNext: true },
    ]);
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;

    expect(element.querySelector('.when')!.textContent).toMatch(/Thu,? 3 Dec 2026, 17:00/);
    expect(element.textContent).toContain('50 minutes, by video');
    expect(element.textContent).toContain('Europe/London time');
    expect(element.textContent).toContain('Note from your therapist: Room 2');
    expect(element.querySelector<HTMLAnchorElement>('a[href="https://meet.example/r"]')).toBeTruthy();
    expect(element.textContent).toContain('(an example link: no call opens there)');

    const createObjectURL = vi.fn().mockReturnValue('blob:ics');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const button = Array.from(element.querySelectorAll('button')).find((b) => b.textContent!.includes('Add to calendar'))!;
    button.click();
    backend.expectOne('/api/portal/appointments/a1.ics').flush(new Blob(['BEGIN:VCALENDAR'], { type: 'text/calendar' }));
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(createObjectURL).toHaveBeenCalled();
    expect(element.textContent).toContain('Calendar file downloaded');
  });

  it('says when nothing is booked', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(NextSessionCard);
    fixture.detectChanges();
    backend.expectOne('/api/portal/appointments').flush([]);
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('No session booked yet');
  });

  it('marks the demo practice\'s video rooms as examples, and only those', () => {
    expect(isExampleLink('https://video.demo.clinic.test/room-patel')).toBe(true);
    expect(isExampleLink('https://www.example.com/call')).toBe(true);
    expect(isExampleLink('https://meet.jit.si/clinic-room')).toBe(false);
    expect(isExampleLink('https://example.company.com/x')).toBe(false);
    expect(isExampleLink('not a link')).toBe(false);
  });
});
