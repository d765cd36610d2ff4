import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { PracticeSettings } from '../core/api/practice-types';
import { PracticePage } from './practice-page';

const settings: PracticeSettings = {
  version: 7, crisisResources: 'Call **999**.', retentionYears: 7, messagingEnabled: true,
  messagingNotice: 'Messages are read on weekdays.', updatedAt: null,
};

describe('PracticePage', () => {
  async function setUp() {
    TestBed.configureTestingModule({ imports: [PracticePage], providers: [provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(PracticePage);
    fixture.detectChanges();
    backend.expectOne('/api/admin/practice').flush(settings);
    await fixture.whenStable();
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    const years = element.querySelector<HTMLInputElement>('input[formcontrolname=retentionYears]')!;
    return { backend, fixture, element, years };
  }

  it('saves the years a closed record is kept, with the version read', async () => {
    const { backend, fixture, years, element } = await setUp();
    expect(years.value).toBe('7');

    years.value = '10';
    years.dispatchEvent(new Event('input'));
    element.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    const put = backend.expectOne((r) => r.method === 'PUT' && r.url === '/api/admin/practice');
    expect(put.request.body).toEqual({
      version: 7, crisisResources: 'Call **999**.', retentionYears: 10, messagingEnabled: true, messagingNotice: 'Messages are read on weekdays.',
    });
    put.flush({ ...settings, version: 8, retentionYears: 10 });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(years.value).toBe('10');
  });

  it('refuses a period outside 1 to 30 years before sending it', async () => {
    const { backend, fixture, years, element } = await setUp();
    years.value = '31';
    years.dispatchEvent(new Event('input'));
    element.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    fixture.detectChanges();
    backend.expectNone((r) => r.method === 'PUT');
    expect(element.textContent).toContain('Check the years kept after closing.');
  });

  it('turns messaging off and rewords the notice above every thread', async () => {
    const { backend, fixture, element } = await setUp();
    const enabled = element.querySelector<HTMLInputElement>('mat-checkbox input[type=checkbox]')!;
    const notice = element.querySelector<HTMLTextAreaElement>('textarea[formcontrolname=messagingNotice]')!;
    expect(enabled.checked).toBe(true);
    expect(notice.value).toBe('Messages are read on weekdays.');

    enabled.click();
    notice.value = 'Read on Mondays. In an emergency call 999.';
    notice.dispatchEvent(new Event('input'));
    element.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    const put = backend.expectOne((r) => r.method === 'PUT' && r.url === '/api/admin/practice');
    expect(put.request.body).toMatchObject({ messagingEnabled: false, messagingNotice: 'Read on Mondays. In an emergency call 999.' });
    put.flush({ ...settings, version: 8, messagingEnabled: false, messagingNotice: 'Read on Mondays. In an emergency call 999.' });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(enabled.checked).toBe(false);
  });

  it('refuses an empty notice before sending it', async () => {
    const { backend, fixture, element } = await setUp();
    const notice = element.querySelector<HTMLTextAreaElement>('textarea[formcontrolname=messagingNotice]')!;
    notice.value = '   ';
    notice.dispatchEvent(new Event('input'));
    element.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    fixture.detectChanges();
    backend.expectNone((r) => r.method === 'PUT');
    expect(element.textContent).toContain('Check the notice above every thread.');
  });
});
