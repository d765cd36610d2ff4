import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { PortalQuestionnaire } from '../core/api/assessment-types';
import { DRAFT_SAVE_DELAY_MS, Questionnaire, QuestionnaireLayout } from './questionnaire';

const anchors = [
  'Strongly disagree',
  'Disagree',
  'Somewhat disagree',
  'Neither agree nor disagree',
  'Somewhat agree',
  'Agree',
  'Strongly agree',
].map((label, i) => ({ value: i + 1, label }));

const questionnaire: PortalQuestionnaire = {
  id: 'q1',
  instrument: 'ECR-RS',
  status: 'pending',
  requestedAt: '2026-11-01T10:00:00Z',
  completedAt: null,
  resultsShared: false,
  form: {
    code: 'ECR-RS',
    version: 1,
    title: 'ECR-RS',
    instructions: 'Answer about your partner.',
    scale: { min: 1, max: 7, anchors, note: null },
    // Deliberately out of order: answers are keyed by id and shown by number.
    items: Array.from({ length: 9 }, (_, i) => ({
      id: `ecrrs-${9 - i}`,
      number: 9 - i,
      text: `Statement ${9 - i}`,
      scale: { min: 1, max: 7, anchors, note: null },
      preamble: null,
    })),
    licence: 'No explicit licence has been found.',
    scoring: 'mean',
  },
  results: null,
  draft: null,
  draftSavedAt: null,
};

describe('Questionnaire', () => {
  let fixture: ComponentFixture<Questionnaire>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  /** `draftDelay` long by default, so only the draft tests see the draft being saved. */
  async function create(layout: QuestionnaireLayout, q: PortalQuestionnaire = questionnaire, draftDelay = 60_000): Promise<void> {
    TestBed.configureTestingModule({
      imports: [Questionnaire],
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: DRAFT_SAVE_DELAY_MS, useValue: draftDelay }],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Questionnaire);
    fixture.componentRef.setInput('questionnaire', q);
    fixture.componentRef.setInput('layout', layout);
    element = fixture.nativeElement;
    document.body.appendChild(element);
    await fixture.whenStable();
  }

  afterEach(() => {
    backend.verify();
    element.remove();
  });

  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  function button(text: string): HTMLButtonElement {
    const found = Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim().startsWith(text));
    if (!found) throw new Error(`No button "${text}"`);
    return found;
  }

  /** Chooses an answer the way a keyboard user does: the radio input takes focus and is checked with Space. */
  function choose(value: number): void {
    const radio = element.querySelectorAll<HTMLInputElement>('fieldset input[type="radio"]')[value - 1];
    radio.focus();
    radio.click();
  }

  async function click(text: string): Promise<void> {
    button(text).click();
    await settle();
  }

  it('shows one statement per step with progress, anchors on every point, and Back/Next', async () => {
    await create('steps');
    expect(element.querySelectorAll('fieldset')).toHaveLength(1);
    expect(element.querySelector('.progress')?.textContent).toContain('1 of 9');
    expect(element.querySelector('legend')?.textContent).toContain('Statement 1');
    const labels = Array.from(element.querySelectorAll('mat-radio-button')).map((r) => r.textContent?.trim());
    expect(labels[0]).toBe('1 – Strongly disagree');
    expect(labels[6]).toBe('7 – Strongly agree');
    expect(button('Back').disabled).toBe(true);

    await click('Next');
    expect(element.textContent).toContain('Choose an answer to go on.');
    expect(element.querySelector('.progress')?.textContent).toContain('1 of 9');

    choose(4);
    await click('Next');
    expect(element.querySelector('.progress')?.textContent).toContain('2 of 9');
    expect(document.activeElement?.textContent).toContain('Statement 2'); // focus follows the step

    await click('Back');
    expect(element.querySelector('legend')?.textContent).toContain('Statement 1');
    expect((element.querySelectorAll<HTMLInputElement>('fieldset input[type="radio"]')[3]).checked).toBe(true);
  });

  it('reviews every answer before sending, lets one be changed, and posts them by item id', async () => {
    await create('steps');
    for (let n = 1; n <= 9; n++) {
      choose(n === 3 ? 2 : 5);
      await click(n === 9 ? 'Review my answers' : 'Next');
    }
    expect(element.querySelector('.review-heading')?.textContent).toContain('Check your answers');
    expect(document.activeElement?.classList.contains('review-heading')).toBe(true);
    const answers = Array.from(element.querySelectorAll('.review-list .answer')).map((s) => s.textContent?.trim());
    expect(answers).toHaveLength(9);
    expect(answers[2]).toBe('2 – Disagree');

    // Change statement 3 and come back to the review.
    (element.querySelectorAll<HTMLButtonElement>('.review-list dd > button')[2]).click();
    await settle();
    expect(element.querySelector('legend')?.textContent).toContain('Statement 3');
    choose(6);
    for (let n = 3; n <= 9; n++) await click(n === 9 ? 'Review my answers' : 'Next');

    await click('Send my answers');
    const request = backend.expectOne('/api/portal/questionnaires/q1');
    expect(request.request.body.responses).toEqual({
      'ecrrs-1': 5, 'ecrrs-2': 5, 'ecrrs-3': 6, 'ecrrs-4': 5, 'ecrrs-5': 5, 'ecrrs-6': 5, 'ecrrs-7': 5, 'ecrrs-8': 5, 'ecrrs-9': 5,
    });
    request.flush({ questionnaire: { ...questionnaire, status: 'completed', results: null }, crisisResources: null });
    await settle();
    expect(element.textContent).toContain('your answers are saved');
    expect(element.textContent).not.toContain('Avoidance');
    expect(element.querySelector('app-crisis-resources')).toBeNull();
  });

  it('shows the crisis text first, with focus on it, when the answers reach a risk item', async () => {
    await create('all');
    element.querySelectorAll('fieldset').forEach((f) => f.querySelectorAll<HTMLInputElement>('input[type="radio"]')[1].click());
    await settle();
    await click('Review my answers');
    await click('Send my answers');
    backend.expectOne('/api/portal/questionnaires/q1').flush({
      questionnaire: { ...questionnaire, status: 'completed', results: null },
      crisisResources: { markdown: 'Call [988](tel:988)', html: '<p>Call <a href="tel:988">988</a></p>' },
    });
    await settle();
    await settle();
    const panel = element.querySelector('app-crisis-resources')!;
    expect(panel).not.toBeNull();
    // Before anything else in the answer: the thanks come after it.
    expect(panel.compareDocumentPosition(element.querySelector('.done-heading')!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(panel.querySelector('a[href="tel:988"]')?.textContent).toBe('988');
    expect(document.activeElement?.classList.contains('crisis-heading')).toBe(true);
  });

  it('shows all statements at once on a large screen, and a kind message when already answered', async () => {
    await create('all');
    expect(element.querySelectorAll('fieldset')).toHaveLength(9);
    expect(element.querySelector('.progress')?.textContent).toContain('0 of 9 answered');
    await click('Review my answers');
    expect(element.textContent).toContain('still need an answer');

    const fieldsets = element.querySelectorAll('fieldset');
    fieldsets.forEach((fieldset) => fieldset.querySelectorAll<HTMLInputElement>('input[type="radio"]')[0].click());
    await settle();
    expect(element.querySelector('.progress')?.textContent).toContain('9 of 9 answered');
    await click('Review my answers');
    await click('Send my answers');
    backend
      .expectOne('/api/portal/questionnaires/q1')
      .flush({ title: 'Conflict', status: 409, detail: 'You have already answered this questionnaire.' }, { status: 409, statusText: 'Conflict' });
    await settle();
    expect(element.textContent).toContain('You have already answered this one');
    expect(element.querySelector('[role="alert"]')?.textContent ?? '').not.toContain('Conflict');
  });

  it('shows scores only when the API returns them', async () => {
    await create('all');
    element.querySelectorAll('fieldset').forEach((f) => f.querySelectorAll<HTMLInputElement>('input[type="radio"]')[6].click());
    await settle();
    await click('Review my answers');
    await click('Send my answers');
    backend.expectOne('/api/portal/questionnaires/q1').flush({ crisisResources: null, questionnaire: {
      ...questionnaire,
      status: 'completed',
      results: {
        scores: { avoidance: 3.5, anxiety: 7 },
        subscales: [
          { code: 'avoidance', label: 'Attachment avoidance', value: 3.5, min: 1, max: 7 },
          { code: 'anxiety', label: 'Attachment anxiety', value: 7, min: 1, max: 7 },
        ],
        bandLabel: null,
        quadrant: 'preoccupied',
        quadrantNote: null,
      },
    } });
    await settle();
    expect(element.textContent).toContain('3.50');
    expect(element.textContent).toContain('Preoccupied');
    expect(element.textContent).toContain('(a convention, not a diagnosis)');
  });

  it('saves the answers so far on the server a moment after each answer, never in browser storage', async () => {
    await create('steps', questionnaire, 0);
    const stored = { local: localStorage.length, session: sessionStorage.length };
    choose(6);
    await settle();

    const put = backend.expectOne((r) => r.method === 'PUT' && r.url === '/api/portal/questionnaires/q1/draft');
    expect(put.request.body).toEqual({ responses: { 'ecrrs-1': 6 } });
    put.flush({ questionnaireId: 'q1', responses: { 'ecrrs-1': 6 }, savedAt: '2026-11-01T10:05:00Z' });
    await settle();
    expect(element.querySelector('.draft-status')?.textContent).toContain('Your answers so far are saved');
    expect({ local: localStorage.length, session: sessionStorage.length }).toEqual(stored);
  });

  it('starts from a saved draft, and "Save and finish later" saves at once', async () => {
    await create('all', { ...questionnaire, draft: { 'ecrrs-2': 3, 'ecrrs-7': 5 }, draftSavedAt: '2026-11-01T10:00:00Z' });
    expect(element.querySelector('.progress')?.textContent).toContain('2 of 9 answered');
    const second = element.querySelectorAll('fieldset')[1].querySelectorAll<HTMLInputElement>('input[type="radio"]');
    expect(second[2].checked).toBe(true);

    await click('Save and finish later');
    const put = backend.expectOne('/api/portal/questionnaires/q1/draft');
    expect(put.request.body.responses).toEqual({ 'ecrrs-2': 3, 'ecrrs-7': 5 });
    put.flush({ questionnaireId: 'q1', responses: put.request.body.responses, savedAt: '2026-11-01T10:06:00Z' });
  });

  it('gives each item its own options in printed order and sends the option value (CSI: 5 → 0 printed)', async () => {
    const often = { min: 0, max: 5, note: null, anchors: [5, 4, 3, 2, 1, 0].map((value) => ({ value, label: ['All the time', 'Most of the time', 'More often than not', 'Occasionally', 'Rarely', 'Never'][5 - value] })) };
    const happy = { min: 0, max: 6, note: null, anchors: Array.from({ length: 7 }, (_, value) => ({ value, label: `Level ${value}` })) };
    const csi: PortalQuestionnaire = {
      ...questionnaire,
      instrument: 'CSI-16',
      form: {
        ...questionnaire.form,
        code: 'CSI-16',
        title: 'Couples Satisfaction Index (CSI-16)',
        scoring: 'sum',
        licence: 'Couples Satisfaction Index © Funk & Rogge (2007).',
        items: [
          { id: 'csi16-1', number: 1, text: 'Happiness', scale: happy, preamble: null },
          { id: 'csi16-2', number: 2, text: 'Going well', scale: often, preamble: 'Think of the last month.' },
        ],
      },
    };
    await create('all', csi);
    const fieldsets = element.querySelectorAll('fieldset');
    expect(fieldsets[0].querySelectorAll('mat-radio-button')).toHaveLength(7);
    expect(fieldsets[1].querySelector('mat-radio-button')?.textContent?.trim()).toBe('5 – All the time');
    expect(element.textContent).toContain('Think of the last month.');
    expect(element.querySelector('.licence')?.textContent).toContain('Funk & Rogge');

    fieldsets[0].querySelectorAll<HTMLInputElement>('input[type="radio"]')[6].click();
    fieldsets[1].querySelectorAll<HTMLInputElement>('input[type="radio"]')[0].click(); // printed first: "All the time"
    await settle();
    await click('Review my answers');
    await click('Send my answers');
    const post = backend.expectOne('/api/portal/questionnaires/q1');
    expect(post.request.body.responses).toEqual({ 'csi16-1': 6, 'csi16-2': 5 });
    post.flush({ questionnaire: { ...csi, status: 'completed', results: null }, crisisResources: null });
  });
});
