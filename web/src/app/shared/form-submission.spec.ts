import { HttpErrorResponse } from '@angular/common/http';
import { FormControl, FormGroup, Validators } from '@angular/forms';
import { FormSubmission } from './form-submission';

describe('FormSubmission', () => {
  const form = () =>
    new FormGroup({
      name: new FormControl('Ana', { nonNullable: true, validators: Validators.required }),
      password: new FormControl('long enough password', { nonNullable: true }),
    });

  const refusal = (errors: Record<string, string[]>, detail?: string) =>
    new HttpErrorResponse({
      status: 400,
      statusText: 'Bad Request',
      error: { title: 'Validation failed', status: 400, errors, ...(detail ? { detail } : {}) },
    });

  /** An action that stays pending until the test settles it. */
  function pending() {
    let resolve!: () => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { action: vi.fn(() => promise), resolve, reject };
  }

  it('is submitting only while the action runs, and says the action succeeded', async () => {
    const submission = new FormSubmission();
    const { action, resolve } = pending();
    expect(submission.submitting()).toBe(false);

    const run = submission.run(form(), action);
    expect(action).toHaveBeenCalledTimes(1);
    expect(submission.submitting()).toBe(true);

    resolve();
    await expect(run).resolves.toBe(true);
    expect(submission.submitting()).toBe(false);
    expect(submission.errors()).toEqual([]);
  });

  it('does not call the action for an invalid form, and shows every field its message', async () => {
    const submission = new FormSubmission();
    const invalid = form();
    invalid.controls.name.setValue('');
    const action = vi.fn(async () => undefined);

    await expect(submission.run(invalid, action)).resolves.toBe(false);

    expect(action).not.toHaveBeenCalled();
    expect(invalid.controls.name.touched).toBe(true);
    expect(invalid.controls.password.touched).toBe(true);
    expect(submission.submitting()).toBe(false);
  });

  it('puts the API problem details on the fields they name and the rest above the form', async () => {
    const submission = new FormSubmission();
    const submitted = form();
    const error = refusal({ name: ['That name is taken.'], token: ['This link has expired.'] });

    await expect(submission.run(submitted, () => Promise.reject(error))).resolves.toBe(false);

    expect(submitted.controls.name.getError('server')).toBe('That name is taken.');
    expect(submission.errors()).toEqual(['This link has expired.']);
  });

  it('explains a refusal that names no field with its detail', async () => {
    const submission = new FormSubmission();

    await submission.run(form(), () => Promise.reject(refusal({}, 'The practice is closed for sign-ups.')));

    expect(submission.errors()).toEqual(['The practice is closed for sign-ups.']);
  });

  it('maps API field paths onto differently shaped forms through its aliases', async () => {
    const submission = new FormSubmission({ newPassword: 'inner.password' });
    const nested = new FormGroup({ inner: form() });

    await submission.run(nested, () => Promise.reject(refusal({ newPassword: ['Too common.'] })));

    expect(nested.controls.inner.controls.password.getError('server')).toBe('Too common.');
    expect(submission.errors()).toEqual([]);
  });

  it('is not submitting any more after the action rejects, and clears old messages on the next try', async () => {
    const submission = new FormSubmission();
    const first = pending();
    const run = submission.run(form(), first.action);
    expect(submission.submitting()).toBe(true);

    first.reject(new HttpErrorResponse({ status: 0, statusText: 'Unknown Error' }));
    await expect(run).resolves.toBe(false);
    expect(submission.submitting()).toBe(false);
    expect(submission.errors()).toEqual(['The server could not be reached. Check your connection and try again.']);

    const second = pending();
    const retry = submission.run(form(), second.action);
    expect(submission.errors()).toEqual([]);
    second.resolve();
    await retry;
    expect(submission.submitting()).toBe(false);
  });
});
