import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { CycleMap } from '../core/api/cycle-map-types';
import { couple } from '../couple/workspace/workspace-fixture';
import { CoupleContext } from '../couple/workspace/couple-context';
import { CycleMapEditor } from './cycle-map-editor';

const empty: CycleMap = {
  coupleId: 'c1',
  version: 0,
  shared: false,
  sharedAt: null,
  sharedVersion: null,
  savedAt: null,
  savedByName: null,
  exit: '',
  partners: [
    { partnerId: 'pa', label: 'partner_a', firstName: 'Alex', trigger: '', moves: [], moveInOwnWords: '', feeling: '', fear: '', need: '' },
    { partnerId: 'pb', label: 'partner_b', firstName: 'Sam', trigger: '', moves: [], moveInOwnWords: '', feeling: '', fear: '', need: '' },
  ],
};

describe('CycleMapEditor', () => {
  let fixture: ComponentFixture<CycleMapEditor>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    fixture.detectChanges();
  };
  const type = (selector: string, value: string, index = 0) => {
    const input = element.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(selector)[index];
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const button = (text: string) => Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.includes(text))!;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [CycleMapEditor],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), CoupleContext],
    });
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(CoupleContext).id.set('c1');
    fixture = TestBed.createComponent(CycleMapEditor);
    element = fixture.nativeElement;
    fixture.detectChanges();
    TestBed.tick();
    backend.expectOne('/api/couples/c1').flush(couple);
    backend.expectOne('/api/couples/c1/cycle-map').flush(empty);
    await settle();
  });

  afterEach(() => backend.verify());

  it('starts empty, says what to do, and cannot share before the first save', () => {
    expect(element.querySelector('.state')?.textContent).toContain('Not mapped yet');
    expect(button('Share with the couple').disabled).toBe(true);
    expect(Array.from(element.querySelectorAll('legend')).map((l) => l.textContent?.trim())).toContain('Alex');
  });

  it('saves both sides and the exit with the version read, and previews the loop as typed', async () => {
    type('input[formcontrolname="trigger"]', 'Sam goes quiet', 0);
    (element.querySelector('mat-checkbox input') as HTMLInputElement).click(); // Alex: criticise
    type('input[formcontrolname="fear"]', "I don't matter", 0);
    type('input[formcontrolname="need"]', 'to be enough', 1);
    type('textarea[formcontrolname="exit"]', 'We name the chase and sit down.');
    await settle();
    expect(element.querySelector('app-cycle-loop')?.textContent).toContain('Criticise');
    expect(element.querySelector('app-cycle-loop .exit')?.textContent).toContain('We name the chase and sit down.');

    (element.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    const request = backend.expectOne({ method: 'PUT', url: '/api/couples/c1/cycle-map' });
    expect(request.request.body.version).toBe(0);
    expect(request.request.body.exit).toBe('We name the chase and sit down.');
    expect(request.request.body.partners[0]).toEqual({
      partnerId: 'pa', trigger: 'Sam goes quiet', moves: ['criticise'], moveInOwnWords: '', feeling: '', fear: "I don't matter", need: '',
    });
    expect(request.request.body.partners[1].need).toBe('to be enough');
    request.flush({ ...empty, version: 1, savedAt: '2026-11-20T10:00:00Z', savedByName: 'Ada Moss', exit: 'We name the chase and sit down.' });
    await settle();
    expect(element.textContent).toContain('Saved as version 1.');
    expect(button('Share with the couple').disabled).toBe(false);
  });

  it('tells the therapist when someone saved in between (409) and keeps what they typed', async () => {
    type('textarea[formcontrolname="exit"]', 'My version');
    (element.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    backend
      .expectOne({ method: 'PUT', url: '/api/couples/c1/cycle-map' })
      .flush({ detail: 'This cycle map was saved again since you read it (now version 2).' }, { status: 409, statusText: 'Conflict' });
    await settle();
    expect(element.textContent).toContain('saved again since you read it');
    expect(element.querySelector<HTMLTextAreaElement>('textarea[formcontrolname="exit"]')!.value).toBe('My version');
  });

  it('shares and stops sharing, saying what the couple will see', async () => {
    backend.expectNone('/api/couples/c1/cycle-map/share');
    fixture.componentRef.injector.get(CoupleContext); // the map's own resource is what changes
    (fixture.componentInstance as unknown as { map: { set(m: CycleMap): void } }).map.set({ ...empty, version: 2, savedAt: '2026-11-20T10:00:00Z', savedByName: 'Ada Moss' });
    await settle();
    button('Share with the couple').click();
    backend.expectOne({ method: 'POST', url: '/api/couples/c1/cycle-map/share' }).flush({ ...empty, version: 2, shared: true, savedAt: '2026-11-20T10:00:00Z' });
    await settle();
    expect(element.textContent).toContain('both partners see the map in their portal');
    button('Stop sharing').click();
    backend.expectOne({ method: 'POST', url: '/api/couples/c1/cycle-map/unshare' }).flush({ ...empty, version: 2, shared: false });
    await settle();
    expect(element.textContent).toContain('the portal stops showing the map');
  });
});
