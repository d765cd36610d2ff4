import { HttpErrorResponse } from '@angular/common/http';
import { AbstractControl, FormArray, FormGroup } from '@angular/forms';
import { ProblemDetails } from './api-types';

/** Returns the problem-details body of an HTTP error, or null when it carries none. */
export function problemOf(error: unknown): ProblemDetails | null {
  if (!(error instanceof HttpErrorResponse)) return null;
  const body: unknown = error.error;
  if (body && typeof body === 'object' && !(body instanceof Blob)) return body as ProblemDetails;
  if (typeof body === 'string' && body.trim().startsWith('{')) {
    try {
      return JSON.parse(body) as ProblemDetails;
    } catch {
      return null;
    }
  }
  return null;
}

/** A sentence a person can act on, for errors that do not belong to one field. */
export function describeError(error: unknown): string {
  const problem = problemOf(error);
  const status = error instanceof HttpErrorResponse ? error.status : undefined;
  const reference = problem?.correlationId ? ` (reference ${problem.correlationId})` : '';
  if (status === 0) return 'The server could not be reached. Check your connection and try again.';
  if (status === 409) {
    return `${problem?.detail ?? 'Someone else changed this record while you were editing.'} Reload to see the latest version.`;
  }
  if (status === 429) return 'Too many attempts. Wait a minute and try again.';
  if (problem?.detail) return problem.detail + reference;
  if (problem?.title) return problem.title + reference;
  if (status && status >= 500) return `Something went wrong on the server${reference}. Try again.`;
  return 'The request could not be completed. Try again.';
}

/**
 * Turns an API field path (`cycle.partners[0].intensity`) into form-control path segments.
 * Tolerates a leading `$.` (JSON-binding errors) and PascalCase segments.
 */
export function fieldPathSegments(field: string): (string | number)[] {
  return field
    .replace(/^\$\.?/, '')
    .split(/\.|\[(\d+)\]/)
    .filter((segment) => segment !== undefined && segment !== '')
    .map((segment) =>
      /^\d+$/.test(segment) ? Number(segment) : segment.charAt(0).toLowerCase() + segment.slice(1),
    );
}

function findControl(root: AbstractControl, segments: (string | number)[]): AbstractControl | null {
  let current: AbstractControl | null = root;
  for (const segment of segments) {
    if (current instanceof FormArray && typeof segment === 'number') current = current.at(segment) ?? null;
    else if (current instanceof FormGroup && typeof segment === 'string') current = current.get(segment);
    else return null;
    if (!current) return null;
  }
  return current === root ? null : current;
}

export interface ServerErrorResult {
  /** Messages that matched no control, plus the problem's detail when nothing matched. */
  formMessages: string[];
  /** How many controls received a `server` error. */
  fieldCount: number;
}

/**
 * The one place where API validation errors meet Reactive Forms: each `errors` entry whose
 * path names a control becomes that control's `server` error (cleared by the next edit, since
 * Angular re-runs validators on change); everything else becomes a form-level message.
 * `aliases` maps API paths onto differently shaped form paths.
 */
export function applyServerErrors(
  error: unknown,
  form: AbstractControl,
  aliases: Record<string, string> = {},
): ServerErrorResult {
  const problem = problemOf(error);
  const formMessages: string[] = [];
  let fieldCount = 0;

  for (const [field, messages] of Object.entries(problem?.errors ?? {})) {
    const text = (Array.isArray(messages) ? messages : [String(messages)]).join(' ');
    const control = findControl(form, fieldPathSegments(aliases[field] ?? field));
    if (control) {
      control.setErrors({ ...(control.errors ?? {}), server: text });
      control.markAsTouched();
      fieldCount++;
    } else {
      formMessages.push(text);
    }
  }

  if (fieldCount === 0 && formMessages.length === 0) formMessages.push(describeError(error));
  return { formMessages, fieldCount };
}
