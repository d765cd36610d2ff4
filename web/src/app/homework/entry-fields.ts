import { FormControl, FormGroup, ValidatorFn, Validators } from '@angular/forms';
import { IsoDate } from '../core/api/api-types';
import {
  EntryRole,
  EntryVisibility,
  FieldDefinition,
  FieldValue,
  LogEntryRequest,
  PortalEntry,
} from '../core/api/homework-types';
import { practiceToday } from '../shared/ui/dates';

/** How a field is drawn: short scales as sliders, long integer ranges as number inputs. */
export type FieldWidget = 'slider' | 'number' | 'yes-no' | 'choice' | 'textarea';

const SLIDER_RANGES = new Set(['0-10', '1-5', '1-7', '0-5']);

export function widgetOf(field: FieldDefinition): FieldWidget {
  switch (field.type) {
    case 'boolean':
      return 'yes-no';
    case 'choice':
      return 'choice';
    case 'text':
      return 'textarea';
    case 'integer':
      return SLIDER_RANGES.has(`${field.min}-${field.max}`) ? 'slider' : 'number';
  }
}

/** Words for a scale's two ends, from the hint ("0 = none, 10 = overwhelming") when it has them. */
export function scaleEnds(field: FieldDefinition): { low: string; high: string } {
  const min = field.min ?? 0;
  const max = field.max ?? 10;
  const hint = field.hint ?? '';
  const low = new RegExp(`\\b${min}\\s*=\\s*([^,.;]+)`).exec(hint)?.[1]?.trim();
  const high = new RegExp(`\\b${max}\\s*=\\s*([^,.;]+)`).exec(hint)?.[1]?.trim();
  return {
    low: `${min}${low ? ' – ' + low : min === 0 ? ' – none' : ' – not at all'}`,
    high: `${max}${high ? ' – ' + high : ' – very much'}`,
  };
}

export function fieldValidators(field: FieldDefinition): ValidatorFn[] {
  const validators: ValidatorFn[] = [];
  if (field.required) validators.push(Validators.required);
  if (field.type === 'integer') {
    if (field.min != null) validators.push(Validators.min(field.min));
    if (field.max != null) validators.push(Validators.max(field.max));
  }
  if (field.type === 'text' && field.maxLength) validators.push(Validators.maxLength(field.maxLength));
  if (field.type === 'text' && field.required) validators.push(Validators.pattern(/\S/));
  return validators;
}

/** Scales and yes/no start unanswered, so nobody submits a value they never chose. */
function initialValue(field: FieldDefinition): FieldValue {
  return field.type === 'text' ? '' : null;
}

export function buildEntryForm(exercise: { fields: FieldDefinition[]; roles: EntryRole[] }, today: IsoDate = practiceToday()) {
  const fields = new FormGroup<Record<string, FormControl<FieldValue>>>({});
  for (const field of exercise.fields) {
    fields.addControl(field.name, new FormControl<FieldValue>(initialValue(field), fieldValidators(field)));
  }
  const chooseRole = exercise.roles.length > 1;
  return new FormGroup({
    occurredOn: new FormControl<IsoDate>(today, { nonNullable: true, validators: Validators.required }),
    role: new FormControl<EntryRole | null>(chooseRole ? null : (exercise.roles[0] ?? null), chooseRole ? Validators.required : []),
    visibility: new FormControl<EntryVisibility>('private', { nonNullable: true, validators: Validators.required }),
    fields,
  });
}

export type EntryFormGroup = ReturnType<typeof buildEntryForm>;

/** Empty optional answers are left out rather than sent as blanks the API would have to judge. */
export function toEntryRequest(form: EntryFormGroup, definitions: FieldDefinition[]): LogEntryRequest {
  const value = form.getRawValue();
  const fields: Record<string, FieldValue> = {};
  for (const field of definitions) {
    const answer = value.fields[field.name];
    if (answer === null || answer === undefined) continue;
    if (field.type === 'text') {
      const text = String(answer).trim();
      if (text) fields[field.name] = text;
    } else if (field.type === 'integer') {
      fields[field.name] = Number(answer);
    } else {
      fields[field.name] = answer;
    }
  }
  return { occurredOn: value.occurredOn, role: value.role, visibility: value.visibility, fields };
}

export function patchEntryForm(form: EntryFormGroup, entry: PortalEntry): void {
  form.patchValue({
    occurredOn: entry.occurredOn,
    role: entry.role,
    visibility: entry.visibility,
    fields: Object.fromEntries(Object.keys(entry.fields).map((name) => [name, answerOf(entry.fields, name)])),
  });
  form.markAsPristine();
}

/**
 * One stored answer. The API's document says only "any JSON value" (it checks answers against the
 * exercise's fields); anything but a plain value is shown as its JSON rather than trusted.
 */
export function answerOf(fields: Record<string, unknown>, name: string): FieldValue | undefined {
  const value = fields[name];
  if (value === undefined || value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
    return value as FieldValue | undefined;
  }
  return JSON.stringify(value);
}

/** An answer as a person reads it. */
export function displayValue(field: FieldDefinition | undefined, value: FieldValue | undefined): string {
  if (value === null || value === undefined || value === '') return 'Not answered';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (field?.type === 'choice') return field.options?.find((o) => o.value === value)?.label ?? String(value);
  if (field?.type === 'integer' && field.max != null && widgetOf(field) === 'slider') return `${value} of ${field.max}`;
  return String(value);
}

export const VISIBILITY_LABELS: Record<EntryVisibility, string> = {
  private: 'Only you and your therapist',
  shared: 'Your partner can see this too',
};

export const ROLE_LABELS: Record<EntryRole, string> = {
  needing: 'I was the one needing (sharing, reaching out)',
  supporting: 'I was the one supporting (listening, showing up)',
};
