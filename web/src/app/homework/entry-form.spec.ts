import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { FieldDefinition, PortalEntry } from '../core/api/homework-types';
import { answerOf, buildEntryForm, displayValue, scaleEnds, toEntryRequest, widgetOf } from './entry-fields';
import { EntryExercise, EntryForm } from './entry-form';

/** A field as the API sends it: every property present, null where unset. */
const field = (f: Pick<FieldDefinition, 'name' | 'label' | 'type' | 'required'> & Partial<FieldDefinition>): FieldDefinition => ({
  min: null,
  max: null,
  maxLength: null,
  options: null,
  hint: null,
  ...f,
});

const fields: FieldDefinition[] = [
  field({ name: 'need', label: 'What did you need?', type: 'text', required: true, maxLength: 500 }),
  field({ name: 'askedDirectly', label: 'Did you ask directly?', type: 'boolean', required: true }),
  field({ name: 'fearBefore', label: 'Fear before asking', type: 'integer', required: true, min: 0, max: 10, hint: '0 = none, 10 = overwhelming' }),
  field({ name: 'feltHeard', label: 'How heard did you feel?', type: 'integer', required: false, min: 1, max: 5 }),
  field({ name: 'minutes', label: 'Minutes', type: 'integer', required: true, min: 1, max: 180 }),
  field({
    name: 'accepted',
    label: 'Did you accept it?',
    type: 'choice',
    required: true,
    options: [
      { value: 'fully', label: 'Fully' },
      { value: 'partly', label: 'Partly' },
      { value: 'not', label: 'Not this time' },
    ],
  }),
];

const exercise: EntryExercise = { id: 'hw1', fields, roles: ['needing', 'supporting'] };

describe('entry fields', () => {
  it('builds one control per field with validators from its definition', () => {
    const form = buildEntryForm(exercise, '2026-11-11');
    const c = form.controls.fields.controls;
    expect(Object.keys(c)).toEqual(['need', 'askedDirectly', 'fearBefore', 'feltHeard', 'minutes', 'accepted']);
    expect(c['need'].hasError('required')).toBe(true);
    c['need'].setValue('x'.repeat(501));
    expect(c['need'].hasError('maxlength')).toBe(true);
    expect(c['askedDirectly'].hasError('required')).toBe(true);
    c['fearBefore'].setValue(11);
    expect(c['fearBefore'].hasError('max')).toBe(true);
    c['minutes'].setValue(0);
    expect(c['minutes'].hasError('min')).toBe(true);
    expect(c['feltHeard'].valid).toBe(true); // optional and unanswered
    expect(form.controls.occurredOn.value).toBe('2026-11-11');
    expect(form.controls.visibility.value).toBe('private');
    expect(form.controls.role.hasError('required')).toBe(true); // two roles: the client chooses
  });

  it('implies the role when the exercise has only one', () => {
    const form = buildEntryForm({ fields, roles: ['needing'] });
    expect(form.controls.role.value).toBe('needing');
    expect(form.controls.role.valid).toBe(true);
  });

  it('picks a widget per field and labels both ends of a scale', () => {
    expect(fields.map(widgetOf)).toEqual(['textarea', 'yes-no', 'slider', 'slider', 'number', 'choice']);
    expect(scaleEnds(fields[2])).toEqual({ low: '0 – none', high: '10 – overwhelming' });
    expect(scaleEnds(fields[3]).low).toContain('1');
  });

  it('sends typed answers and leaves unanswered optional ones out', () => {
    const form = buildEntryForm(exercise, '2026-11-11');
    form.patchValue({
      role: 'needing',
      visibility: 'shared',
      fields: { need: '  reassurance ', askedDirectly: false, fearBefore: 6, minutes: 20, accepted: 'partly' },
    });
    expect(toEntryRequest(form, fields)).toEqual({
      occurredOn: '2026-11-11',
      role: 'needing',
      visibility: 'shared',
      fields: { need: 'reassurance', askedDirectly: false, fearBefore: 6, minutes: 20, accepted: 'partly' },
    });
  });

  it('reads stored answers, which the API types only as JSON values, as plain values', () => {
    const stored: Record<string, unknown> = { accepted: 'fully', fearBefore: 4, askedDirectly: true, need: null, odd: { a: 1 } };

    expect(displayValue(fields[5], answerOf(stored, 'accepted'))).toBe('Fully');
    expect(answerOf(stored, 'fearBefore')).toBe(4);
    expect(displayValue(fields[1], answerOf(stored, 'askedDirectly'))).toBe('Yes');
    expect(displayValue(fields[0], answerOf(stored, 'need'))).toBe('Not answered');
    expect(answerOf(stored, 'missing')).toBeUndefined();
    expect(answerOf(stored, 'odd')).toBe('{"a":1}');
  });
});

describe('EntryForm', () => {
  let fixture: ComponentFixture<EntryForm>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [EntryForm],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(EntryForm);
    fixture.componentRef.setInput('exercise', exercise);
    element = fixture.nativeElement;
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  function form() {
    return (fixture.componentInstance as unknown as { form: () => ReturnType<typeof buildEntryForm> }).form();
  }

  function fillValid(): void {
    form().patchValue({
      role: 'supporting',
      fields: { need: 'to be heard', askedDirectly: true, fearBefore: 3, minutes: 15, accepted: 'fully' },
    });
  }

  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  async function submit(): Promise<void> {
    (element.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await fixture.whenStable();
  }

  it('renders a labelled control for every field, the role picker and the visibility choice', () => {
    expect(element.querySelector('textarea#' + element.querySelector('textarea')!.id)).not.toBeNull();
    expect(element.querySelectorAll('input[matSliderThumb]')).toHaveLength(2);
    expect(element.querySelector('label[for$="-fearBefore"]')?.textContent).toContain('Fear before asking');
    expect(element.textContent).toContain('0 – none');
    expect(element.textContent).toContain('10 – overwhelming');
    const legends = Array.from(element.querySelectorAll('legend')).map((l) => l.textContent?.trim());
    expect(legends).toEqual(['Your role this time', 'Did you ask directly?', 'Did you accept it?', 'Who can see this entry?']);
    expect(element.textContent).toContain('Only you and your therapist');
    expect(element.textContent).toContain('Your partner can see this too');
    expect((element.querySelector('input[type="date"]') as HTMLInputElement).value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(element.querySelector('textarea')?.getAttribute('maxlength')).toBe('500');
  });

  it('does not post an incomplete entry and marks what is missing', async () => {
    await submit();
    backend.expectNone('/api/portal/homework/hw1/entries');
    expect(element.textContent).toContain('Some answers need attention');
    expect(element.querySelectorAll('.field-error').length).toBeGreaterThan(0);
  });

  it('shows the API validation errors on their fields', async () => {
    fillValid();
    await submit();
    backend.expectOne('/api/portal/homework/hw1/entries').flush(
      { title: 'Validation failed', status: 400, errors: { 'fields.minutes': ['Must be between 1 and 180.'], role: ['Must be one of: needing.'] } },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(form().controls.fields.controls['minutes'].getError('server')).toBe('Must be between 1 and 180.');
    expect(form().controls.role.getError('server')).toBe('Must be one of: needing.');
    expect(element.textContent).toContain('Must be one of: needing.');
  });

  it('sends an Idempotency-Key and reuses it when the same submission is retried', async () => {
    fillValid();
    await submit();
    const first = backend.expectOne('/api/portal/homework/hw1/entries');
    const key = first.request.headers.get('Idempotency-Key');
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.request.body).toMatchObject({ role: 'supporting', visibility: 'private', fields: { fearBefore: 3 } });
    first.error(new ProgressEvent('error'), { status: 0, statusText: 'Unknown Error' });
    await settle();
    expect(element.textContent).toContain('could not be reached');

    await submit();
    const retry = backend.expectOne('/api/portal/homework/hw1/entries');
    expect(retry.request.headers.get('Idempotency-Key')).toBe(key);
    const saved = { id: 'e1', mine: true } as PortalEntry;
    let emitted: PortalEntry | undefined;
    fixture.componentInstance.saved.subscribe((entry) => (emitted = entry));
    retry.flush(saved, { status: 201, statusText: 'Created' });
    await settle();
    expect(emitted).toEqual(saved);

    // The next entry is a new submission with a new key.
    fillValid();
    await submit();
    const next = backend.expectOne('/api/portal/homework/hw1/entries');
    expect(next.request.headers.get('Idempotency-Key')).not.toBe(key);
    next.flush(saved);
  });

  it('after "Save entry" starts afresh without marking the empty answers as required', async () => {
    fillValid();
    await submit();
    backend.expectOne('/api/portal/homework/hw1/entries').flush({ id: 'e1', mine: true } as PortalEntry, { status: 201, statusText: 'Created' });
    await settle();
    fixture.detectChanges();

    expect(element.textContent).toContain('Saved. Thank you for logging this.');
    expect(form().controls.fields.controls['need'].value).toBe('');
    expect(element.querySelectorAll('.field-error, mat-error')).toHaveLength(0);
    expect(element.textContent).not.toContain('This answer is required');
  });

  it('shows an unanswered slider without a chosen value, and a tap or a key on it chooses', async () => {
    fixture.detectChanges();
    const slider = () => element.querySelector('input[id$="-fearBefore"]')!.closest('mat-slider') as HTMLElement;
    const input = () => element.querySelector('input[id$="-fearBefore"]') as HTMLInputElement;
    expect(slider().classList).toContain('unanswered');
    // A screen reader hears "Your answer: not chosen yet" with the slider.
    const described = input().getAttribute('aria-describedby')!.split(' ').map((id) => element.querySelector(`[id="${id}"]`)?.textContent ?? '');
    expect(described.join(' ')).toContain('not chosen yet');

    // A tap exactly where the hidden thumb sits (0) moves nothing, so the range input sends no change: it still chooses 0.
    slider().dispatchEvent(new Event('pointerup'));
    await settle();
    fixture.detectChanges();
    expect(form().controls.fields.controls['fearBefore'].value).toBe(0);
    expect(slider().classList).not.toContain('unanswered');
    expect(element.querySelector(`[id="${input().id}-value"]`)?.textContent).toContain('0');

    const feltHeard = element.querySelector('input[id$="-feltHeard"]')!.closest('mat-slider') as HTMLElement;
    feltHeard.dispatchEvent(new KeyboardEvent('keyup', { key: 'Tab' }));
    expect(form().controls.fields.controls['feltHeard'].value).toBeNull();
    feltHeard.dispatchEvent(new KeyboardEvent('keyup', { key: 'Home' }));
    expect(form().controls.fields.controls['feltHeard'].value).toBe(1);
  });

  it('puts each long question above its box, where it wraps, instead of in the outline', () => {
    fixture.detectChanges();
    const need = element.querySelector('textarea')!;
    const label = element.querySelector(`label[for="${need.id}"]`);
    expect(label?.classList).toContain('question-label');
    expect(label?.textContent).toContain('What did you need?');
    expect(need.closest('mat-form-field')!.querySelector('mat-label')).toBeNull();
    const minutes = element.querySelector('input[type="number"]')!;
    expect(element.querySelector(`label[for="${minutes.id}"]`)?.textContent).toContain('Minutes');
  });
});
