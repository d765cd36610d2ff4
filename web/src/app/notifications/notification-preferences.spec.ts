import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { NotificationPreferences } from '../core/api/appointments-api';
import { NotificationPreferencesForm } from './notification-preferences';

const preferences: NotificationPreferences = {
  appointmentReminders: true, homeworkNudges: true, questionnaireReminders: true, messages: true,
  quietHoursStart: null, quietHoursEnd: null, timeZone: 'Europe/London',
};

describe('NotificationPreferencesForm', () => {
  it('turns the new-message email off with the other choices as they were', async () => {
    TestBed.configureTestingModule({ imports: [NotificationPreferencesForm], providers: [provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(NotificationPreferencesForm);
    fixture.detectChanges();
    TestBed.tick();
    backend.expectOne('/api/portal/notification-preferences').flush(preferences);
    await fixture.whenStable();
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    const boxes = [...element.querySelectorAll<HTMLElement>('mat-checkbox')];
    const messages = boxes.find((b) => b.textContent!.includes('sends me a message'))!.querySelector<HTMLInputElement>('input')!;
    expect(messages.checked).toBe(true);

    messages.click();
    element.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    const put = backend.expectOne((r) => r.method === 'PUT');
    expect(put.request.body).toEqual({
      appointmentReminders: true, homeworkNudges: true, questionnaireReminders: true, messages: false, quietHoursStart: null, quietHoursEnd: null,
    });
  });
});
