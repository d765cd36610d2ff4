import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { Conceptualisation } from '../core/api/supervision-api';
import { ConceptualisationPage } from './conceptualisation-page';
import { conceptualisation, sections, supervisedCouple } from './supervision-fixture';

describe('ConceptualisationPage', () => {
  let fixture: ComponentFixture<ConceptualisationPage>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    fixture.detectChanges();
  };

  async function open(body: Conceptualisation, readOnly = false) {
    TestBed.configureTestingModule({
      imports: [ConceptualisationPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ConceptualisationPage);
    fixture.componentRef.setInput('id', 'c1');
    fixture.componentRef.setInput('readOnly', readOnly);
    element = fixture.nativeElement;
    fixture.detectChanges();
    TestBed.tick();
    backend.expectOne('/api/couples/c1/conceptualisation').flush(body);
    backend.expectOne('/api/couples/c1/conceptualisation/versions').flush([]);
    if (readOnly) backend.expectOne('/api/supervision/couples').flush([supervisedCouple]);
    await settle();
  }

  afterEach(() => backend.verify());

  const textareas = () => Array.from(element.querySelectorAll('textarea')) as HTMLTextAreaElement[];
  const button = (text: string) => Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim().startsWith(text))!;

  it('puts the draft in nine editable sections and saves the first version from version 0', async () => {
    await open(conceptualisation());

    expect(element.textContent).toContain('Draft written from the record — not saved yet.');
    expect(textareas().length).toBe(9);
    expect(textareas()[0].value).toBe('Escalation about chores.');
    const formulation = textareas()[8];
    formulation.value = 'Alex pursues for closeness.';
    formulation.dispatchEvent(new Event('input'));
    button('Save version').click();

    const request = backend.expectOne('/api/couples/c1/conceptualisation');
    expect(request.request.method).toBe('PUT');
    expect(request.request.body).toEqual({ version: 0, sections: { ...sections, formulation: 'Alex pursues for closeness.' } });
    request.flush(conceptualisation({ version: 1, draft: false, savedAt: '2026-12-07T10:00:00Z', savedByName: 'Ada Moss', sections: { ...sections, formulation: 'Alex pursues for closeness.' } }));
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
    backend.expectOne('/api/couples/c1/conceptualisation/versions').flush([]);
    await settle();
    expect(element.textContent).toContain('Version 1, saved by Ada Moss');
    expect(element.textContent).toContain('Version 1 saved.');
  });

  it('refills a section from the record as it is now', async () => {
    await open(conceptualisation({ version: 2, draft: false, savedAt: '2026-12-01T10:00:00Z', savedByName: 'Ada Moss' }));

    button('Refill “The cycle”').click();
    fixture.detectChanges();

    expect(textareas()[2].value).toBe('From the record: Alex chases.');
  });

  it('says so when someone saved since it was read', async () => {
    await open(conceptualisation({ version: 2, draft: false, savedAt: '2026-12-01T10:00:00Z', savedByName: 'Ada Moss' }));

    button('Save version').click();
    backend.expectOne('/api/couples/c1/conceptualisation').flush({ title: 'Conflict' }, { status: 409, statusText: 'Conflict' });
    await settle();

    expect(element.querySelector('[role="alert"]')?.textContent).toContain('Someone saved this conceptualisation since you opened it');
  });

  it('is text only for the supervisor, marked read-only, with nothing to save', async () => {
    await open(conceptualisation({ version: 1, draft: false, savedAt: '2026-12-01T10:00:00Z', savedByName: 'Tom Trainee' }), true);

    expect(element.textContent).toContain('Read-only — supervising Tom Trainee');
    expect(textareas().length).toBe(0);
    expect(Array.from(element.querySelectorAll('button')).map((b) => b.textContent?.trim())).toEqual(['Print']);
    expect(element.textContent).toContain('Alex chases; Sam shuts down.');
  });
});
