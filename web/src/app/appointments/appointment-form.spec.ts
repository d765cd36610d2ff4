import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { AppointmentForm, confirmationsNeeded } from './appointment-form';
import { HttpErrorResponse } from '@angular/common/http';

describe('AppointmentForm', () => {
  it('asks for the safety confirmation a 409 names, then books again with it', async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(AppointmentForm);
    fixture.componentRef.setInput('coupleId', 'c1');
    fixture.componentRef.setInput('slot', '2026-12-03T17:00');
    const booked = vi.fn();
    fixture.componentInstance.booked.subscribe(booked);
    const element: HTMLElement = fixture.nativeElement;
    await fixture.whenStable();

    element.querySelector('form')!.dispatchEvent(new Event('submit'));
    const first = backend.expectOne({ method: 'POST', url: '/api/couples/c1/appointments' });
    expect(first.request.body).toMatchObject({ startsAt: '2026-12-03T17:00', confirmSafety: false, confirmOverlap: false });
    first.flush(
      { status: 409, title: 'Conflict', detail: 'A safety concern is open for this couple.', requiresSafetyConfirmation: true },
      { status: 409, statusText: 'Conflict' },
    );
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();

    expect(element.textContent).toContain('A safety concern is open for this couple.');
    const confirm = element.querySelector<HTMLInputElement>('mat-checkbox input[type=checkbox]')!;
    expect(confirm).toBeTruthy();
    confirm.click();
    fixture.detectChanges();
    element.querySelector('form')!.dispatchEvent(new Event('submit'));
    const second = backend.expectOne({ method: 'POST', url: '/api/couples/c1/appointments' });
    expect(second.request.body.confirmSafety).toBe(true);
    second.flush({ id: 'a1', startsAt: '2026-12-03T17:00:00' });
    await new Promise((resolve) => setTimeout(resolve));
    expect(booked).toHaveBeenCalledTimes(1);
  });

  it('reads which confirmations a refusal needs', () => {
    const refusal = (body: object) => new HttpErrorResponse({ status: 409, error: body });
    expect(confirmationsNeeded(refusal({ requiresOverlapConfirmation: true }))).toEqual({ overlap: true, safety: false });
    expect(confirmationsNeeded(refusal({ detail: 'stale' }))).toEqual({ overlap: false, safety: false });
  });
});
