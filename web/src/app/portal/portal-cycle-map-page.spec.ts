import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { PortalCycleMapPage } from './portal-cycle-map-page';

describe('PortalCycleMapPage', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('draws the shared map as a loop with the exit', async () => {
    const fixture = TestBed.createComponent(PortalCycleMapPage);
    fixture.detectChanges();
    backend.expectOne('/api/portal/cycle-map').flush({
      savedAt: '2026-11-20T10:00:00Z',
      exit: 'We name the chase.',
      partners: [
        { label: 'partner_a', isMe: true, trigger: 't', moves: ['chase'], moveInOwnWords: '', feeling: 'f', fear: 'x', need: 'n' },
        { label: 'partner_b', isMe: false, trigger: 't', moves: ['leave'], moveInOwnWords: '', feeling: 'f', fear: 'x', need: 'n' },
      ],
    });
    await fixture.whenStable();
    fixture.detectChanges();
    const element: HTMLElement = fixture.nativeElement;
    expect(element.querySelector('h1')?.textContent).toBe('Our cycle');
    expect(element.querySelector('.who')?.textContent).toBe('You');
    expect(element.querySelectorAll('.who')[1].textContent).toBe('Your partner');
    expect(element.querySelector('.exit-text')?.textContent).toBe('We name the chase.');
  });

  it('says plainly that nothing is shared yet when the API answers 404', async () => {
    const fixture = TestBed.createComponent(PortalCycleMapPage);
    fixture.detectChanges();
    backend.expectOne('/api/portal/cycle-map').flush({ title: 'Not found' }, { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    fixture.detectChanges();
    const element: HTMLElement = fixture.nativeElement;
    expect(element.querySelector('.empty')?.textContent).toContain('has not shared a cycle map');
    expect(element.querySelector('[role="alert"]')).toBeNull();
  });
});
