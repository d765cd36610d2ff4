import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Availability, WorkingHours } from './working-hours';

const stored: Availability = {
  weekly: [
    { day: 'monday', start: '09:00:00', end: '13:00:00' },
    { day: 'monday', start: '14:00:00', end: '18:00:00' },
  ],
  exceptions: [{ date: '2026-12-24', hours: [] }],
  timeOff: [{ from: '2026-12-28', to: '2027-01-01', note: null }],
  bufferMinutes: 10,
  horizonDays: 28,
  minNoticeHours: 24,
  jointMinutes: 50,
  individualMinutes: 50,
  autoApprove: false,
  cancellationWindowHours: 24,
  timeZone: 'Europe/London',
  updatedAt: '2026-12-01T09:00:00Z',
  version: 4,
};

describe('WorkingHours', () => {
  let fixture: ComponentFixture<WorkingHours>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({ imports: [WorkingHours], providers: [provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(WorkingHours);
    element = fixture.nativeElement;
    fixture.detectChanges();
    TestBed.tick();
    backend.expectOne('/api/me/availability').flush(stored);
    await settle();
  });

  afterEach(() => backend.verify());

  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    fixture.detectChanges();
  }
  const inputs = (type: string) => Array.from(element.querySelectorAll<HTMLInputElement>(`input[type="${type}"]`));
  const button = (text: string) => Array.from(element.querySelectorAll<HTMLButtonElement>('button')).find((b) => b.textContent?.trim() === text)!;
  function type(input: HTMLInputElement, value: string): void {
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }
  function save(): void {
    element.querySelector('form')!.dispatchEvent(new Event('submit'));
    fixture.detectChanges();
  }

  it('shows the stored hours in the practice zone and sends them back with the version read', async () => {
    expect(element.textContent).toContain('Times are Europe/London time');
    expect(inputs('time').map((i) => i.value)).toEqual(['09:00', '13:00', '14:00', '18:00']);
    expect(element.textContent).toContain('Not working that day.');
    expect(inputs('date').map((i) => i.value)).toEqual(['2026-12-24', '2026-12-28', '2027-01-01']);

    button('Add hours').click();
    fixture.detectChanges();
    type(inputs('time')[5], '16:30');
    fixture.detectChanges();
    save();

    const put = backend.expectOne({ method: 'PUT', url: '/api/me/availability' });
    expect(put.request.body).toMatchObject({
      version: 4,
      weekly: [
        { day: 'monday', start: '09:00', end: '13:00' },
        { day: 'monday', start: '14:00', end: '18:00' },
        { day: 'tuesday', start: '14:00', end: '16:30' },
      ],
      exceptions: [{ date: '2026-12-24', hours: [] }],
      timeOff: [{ from: '2026-12-28', to: '2027-01-01', note: null }],
      bufferMinutes: 10,
      horizonDays: 28,
      autoApprove: false,
    });
    put.flush({ ...stored, version: 5 });
    await settle();
    expect(element.querySelector('[role="status"]')!.textContent).toContain('Working hours saved.');
  });

  it('names the field a rule refuses before sending, and puts the API refusals on the fields and rows they name', async () => {
    const buffer = element.querySelector<HTMLInputElement>('input[formcontrolname="bufferMinutes"]')!;
    type(buffer, '90');
    save();
    backend.expectNone({ method: 'PUT' });
    expect(element.textContent).toContain('The buffer must be at most 60.');

    type(buffer, '15');
    save();
    backend.expectOne({ method: 'PUT' }).flush(
      {
        status: 400,
        errors: { 'weekly[0].end': ['Hours end after they start.'], 'weekly[1]': ['The hours of one day overlap; join them into one range.'] },
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(element.querySelector('mat-error')!.textContent).toContain('Hours end after they start.');
    expect(element.querySelector('.row-error')!.textContent).toContain('Monday: The hours of one day overlap; join them into one range.');
  });

  it('says in words when someone else saved first', async () => {
    save();
    backend.expectOne({ method: 'PUT' }).flush(
      { status: 409, detail: 'Your availability was changed elsewhere.' },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    expect(element.querySelector('app-form-messages')!.textContent).toContain('Your availability was changed elsewhere. Reload to see the latest version.');
  });
});
