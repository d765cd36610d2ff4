import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { queueItem, supervisedCouple } from './supervision-fixture';
import { SupervisionQueuePage } from './supervision-queue-page';

describe('SupervisionQueuePage', () => {
  it('lists what waits with why, linking to the read-only session, and the couples supervised', async () => {
    TestBed.configureTestingModule({
      imports: [SupervisionQueuePage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(SupervisionQueuePage);
    fixture.detectChanges();
    TestBed.tick();
    backend.expectOne('/api/supervision/queue').flush([queueItem, { ...queueItem, sessionId: 's2', awaitingCosignature: false, discussInSupervision: true, comments: 0 }]);
    backend.expectOne('/api/supervision/couples').flush([supervisedCouple]);
    await fixture.whenStable();
    fixture.detectChanges();
    const element: HTMLElement = fixture.nativeElement;

    const items = Array.from(element.querySelectorAll('ul.queue li'));
    expect(items.length).toBe(2);
    expect(items[0].querySelector('a')?.getAttribute('href')).toBe('/supervision/sessions/s1');
    expect(items[0].textContent).toContain('Awaiting co-signature');
    expect(items[0].textContent).toContain('1 comment');
    expect(items[1].textContent).toContain('To discuss');
    expect(element.querySelector('ul.couples')?.textContent).toContain('Tom Trainee (trainee)');
    backend.verify();
  });
});
