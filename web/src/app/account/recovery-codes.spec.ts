import { Clipboard } from '@angular/cdk/clipboard';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { RecoveryCodes } from './recovery-codes';

const codes = Array.from({ length: 10 }, (_, i) => `KM7P${i}-XQ2R${i}`);

describe('RecoveryCodes', () => {
  let fixture: ComponentFixture<RecoveryCodes>;
  let element: HTMLElement;
  let acknowledged: number;
  let copy: ReturnType<typeof vi.fn>;

  beforeEach(async () => {
    copy = vi.fn().mockReturnValue(true);
    TestBed.configureTestingModule({ imports: [RecoveryCodes], providers: [{ provide: Clipboard, useValue: { copy } }] });
    fixture = TestBed.createComponent(RecoveryCodes);
    fixture.componentRef.setInput('codes', codes);
    acknowledged = 0;
    fixture.componentInstance.acknowledged.subscribe(() => acknowledged++);
    element = fixture.nativeElement;
    await fixture.whenStable();
  });

  const button = (text: string) =>
    Array.from(element.querySelectorAll<HTMLButtonElement>('button')).find((b) => b.textContent?.includes(text))!;

  it('lists the codes and moves focus to their heading', () => {
    expect(Array.from(element.querySelectorAll('ol.codes li')).map((li) => li.textContent?.trim())).toEqual(codes);
    expect(document.activeElement?.textContent).toContain('Save your recovery codes');
  });

  it('copies the codes and says so', async () => {
    button('Copy codes').click();
    await fixture.whenStable();
    expect(copy).toHaveBeenCalledWith(expect.stringContaining(codes.join('\n')));
    expect(element.querySelector('[role=status]')?.textContent).toContain('copied');
  });

  it('offers the codes as a text file', () => {
    const link = element.querySelector('a[download]') as HTMLAnchorElement;
    expect(link.getAttribute('download')).toBe('clinic-recovery-codes.txt');
    const href = link.getAttribute('href')!;
    expect(href.startsWith('data:text/plain;charset=utf-8,')).toBe(true);
    const text = decodeURIComponent(href.slice(href.indexOf(',') + 1));
    for (const code of codes) expect(text).toContain(code);
  });

  it('moves on only once the user says the codes are saved', async () => {
    button('Continue').click();
    await fixture.whenStable();
    expect(acknowledged).toBe(0);
    expect(element.querySelector('[role=alert]')?.textContent).toContain('Confirm that you saved the codes');

    (element.querySelector('mat-checkbox input') as HTMLInputElement).click();
    await fixture.whenStable();
    expect(element.querySelector('[role=alert]')?.textContent?.trim()).toBe('');
    button('Continue').click();
    expect(acknowledged).toBe(1);
  });
});
