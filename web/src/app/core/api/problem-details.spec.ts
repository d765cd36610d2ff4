import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { FormArray, FormControl, FormGroup } from '@angular/forms';
import { applyServerErrors, describeError, fieldPathSegments, problemOf } from './problem-details';

function problem(status: number, body: unknown): HttpErrorResponse {
  return new HttpErrorResponse({
    status,
    error: body,
    headers: new HttpHeaders({ 'Content-Type': 'application/problem+json' }),
  });
}

function sessionForm() {
  const partner = () => new FormGroup({ partnerId: new FormControl('p'), intensity: new FormControl(5) });
  return new FormGroup({
    date: new FormControl('2026-11-09'),
    eftStep: new FormControl(2),
    cycle: new FormGroup({
      peakIntensity: new FormControl(8),
      partners: new FormArray([partner(), partner()]),
    }),
  });
}

describe('problem details', () => {
  it('splits nested API field paths into control segments', () => {
    expect(fieldPathSegments('cycle.partners[0].intensity')).toEqual(['cycle', 'partners', 0, 'intensity']);
    expect(fieldPathSegments('Cycle.PeakIntensity')).toEqual(['cycle', 'peakIntensity']);
    expect(fieldPathSegments('$.date')).toEqual(['date']);
  });

  it('sets server errors on the matching controls, nested ones included', () => {
    const form = sessionForm();
    const result = applyServerErrors(
      problem(400, {
        title: 'One or more validation errors occurred.',
        status: 400,
        errors: {
          eftStep: ['Step 6 is not in stage 1.'],
          'cycle.partners[1].intensity': ['Intensity must be between 0 and 10.'],
          'cycle.peakIntensity': ['Too high.', 'Really.'],
        },
      }),
      form,
    );

    expect(result).toEqual({ formMessages: [], fieldCount: 3 });
    expect(form.get('eftStep')?.errors).toEqual({ server: 'Step 6 is not in stage 1.' });
    expect(form.get('eftStep')?.touched).toBe(true);
    expect(form.get(['cycle', 'partners', 1, 'intensity'])?.getError('server')).toBe('Intensity must be between 0 and 10.');
    expect(form.get(['cycle', 'partners', 0, 'intensity'])?.errors).toBeNull();
    expect(form.get('cycle.peakIntensity')?.getError('server')).toBe('Too high. Really.');
    expect(form.invalid).toBe(true);
  });

  it('puts errors that match no control into form-level messages', () => {
    const form = sessionForm();
    const result = applyServerErrors(
      problem(400, { errors: { date: ['Date is in the future.'], coupleId: ['Couple is closed.'], 'cycle.partners[5].intensity': ['?'] } }),
      form,
    );
    expect(result.fieldCount).toBe(1);
    expect(result.formMessages).toEqual(['Couple is closed.', '?']);
  });

  it('uses an alias when the form is shaped differently from the API', () => {
    const form = new FormGroup({ markers: new FormGroup({ repairAttempt: new FormControl(false) }) });
    applyServerErrors(problem(400, { errors: { 'cycle.markers': ['Unknown marker.'] } }), form, { 'cycle.markers': 'markers' });
    expect(form.get('markers')?.getError('server')).toBe('Unknown marker.');
  });

  it('clears a server error on the next edit', () => {
    const form = sessionForm();
    applyServerErrors(problem(400, { errors: { date: ['Bad date.'] } }), form);
    form.get('date')?.setValue('2026-11-10');
    expect(form.get('date')?.errors).toBeNull();
  });

  it('falls back to the problem detail when there are no field errors', () => {
    const result = applyServerErrors(
      problem(409, { title: 'Conflict', detail: 'The session was changed by someone else.', status: 409 }),
      sessionForm(),
    );
    expect(result.formMessages).toEqual(['The session was changed by someone else. Reload to see the latest version.']);
  });

  it('describes errors without a problem body', () => {
    expect(describeError(new HttpErrorResponse({ status: 0 }))).toMatch(/could not be reached/);
    expect(describeError(problem(500, { title: 'Server error', correlationId: 'abc' }))).toBe('Server error (reference abc)');
    expect(describeError(new HttpErrorResponse({ status: 503 }))).toMatch(/on the server/);
    expect(problemOf(new Error('x'))).toBeNull();
  });
});
