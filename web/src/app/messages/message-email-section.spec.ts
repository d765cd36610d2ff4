import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MessageEmailSection } from './message-email-section';
import { MessageEmailChoice } from './messages-types';

describe('MessageEmailSection', () => {
  let backend: HttpTestingController;

  afterEach(() => backend.verify());

  async function render(choice: MessageEmailChoice) {
    TestBed.configureTestingModule({ imports: [MessageEmailSection], providers: [provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(MessageEmailSection);
    fixture.detectChanges();
    TestBed.tick();
    backend.expectOne('/api/me/message-email').flush(choice);
    await fixture.whenStable();
    fixture.detectChanges();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  const radio = (element: HTMLElement, text: string) =>
    [...element.querySelectorAll<HTMLElement>('mat-radio-button')].find((r) => r.textContent!.includes(text))!.querySelector<HTMLInputElement>('input')!;

  it('shows the saved choice and the digest time the practice sets', async () => {
    const { element } = await render({ delivery: 'daily_digest', digestSendsAt: '07:30' });
    expect(radio(element, 'Once a day').checked).toBe(true);
    expect(radio(element, 'For each new message').checked).toBe(false);
    expect(element.textContent).toContain('at 07:30');
  });

  it('switches to the daily digest and says when it comes', async () => {
    const { fixture, element } = await render({ delivery: 'each_message', digestSendsAt: '08:00' });
    expect(radio(element, 'For each new message').checked).toBe(true);

    radio(element, 'Once a day').click();
    element.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    const put = backend.expectOne((r) => r.method === 'PUT' && r.url === '/api/me/message-email');
    expect(put.request.body).toEqual({ delivery: 'daily_digest' });
    put.flush({ delivery: 'daily_digest', digestSendsAt: '08:00' });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(element.querySelector('[role=status]')!.textContent).toContain('one digest a day at 08:00');
  });

  it('shows a refusal from the API instead of claiming it saved', async () => {
    const { fixture, element } = await render({ delivery: 'each_message', digestSendsAt: '08:00' });
    element.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    backend.expectOne((r) => r.method === 'PUT').flush(
      { title: 'One or more validation errors occurred.', status: 400, errors: { delivery: ['Choose each_message or daily_digest.'] } },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    fixture.detectChanges();
    expect(element.querySelector('[role=status]')!.textContent!.trim()).toBe('');
    expect(element.textContent).toContain('Choose each_message or daily_digest.');
  });
});
