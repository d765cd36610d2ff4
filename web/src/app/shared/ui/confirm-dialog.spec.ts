import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { ConfirmDialog } from './confirm-dialog';

/** The real Material dialog in jsdom: what a person sees and which answer each way out gives. */
describe('ConfirmDialog', () => {
  const question = {
    title: 'End the session on Safari on iOS?',
    paragraphs: ['It is signed out at once.', 'Nothing else changes.'],
    confirm: 'End session',
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 250));
  const container = () => document.querySelector<HTMLElement>('mat-dialog-container');
  const button = (name: string) =>
    Array.from(container()?.querySelectorAll<HTMLButtonElement>('button') ?? []).find((b) => b.textContent?.trim() === name);

  let dialog: MatDialog;
  beforeEach(() => {
    dialog = TestBed.inject(MatDialog);
  });
  afterEach(() => dialog.closeAll());

  // Where focus starts (cdkFocusInitial on the button that changes nothing) needs layout, which jsdom lacks:
  // the browser journeys check it (web/e2e/security-journeys.mjs, my sessions).
  it('shows the question as an alert dialog named by its heading, with both ways out', async () => {
    void ConfirmDialog.ask(dialog, question);
    await settle();

    expect(container()?.getAttribute('role')).toBe('alertdialog');
    const labelledBy = container()!.getAttribute('aria-labelledby')!;
    expect(document.getElementById(labelledBy)?.textContent).toBe(question.title);
    expect(Array.from(container()!.querySelectorAll('p')).map((p) => p.textContent)).toEqual(question.paragraphs);
    expect(button('Cancel')?.hasAttribute('cdkfocusinitial')).toBe(true);
    expect(button('End session')).toBeTruthy();
  });

  it('answers true only for the confirming button', async () => {
    const yes = ConfirmDialog.ask(dialog, question);
    await settle();
    button('End session')!.click();
    expect(await yes).toBe(true);

    const no = ConfirmDialog.ask(dialog, { ...question, cancel: 'Keep it' });
    await settle();
    button('Keep it')!.click();
    expect(await no).toBe(false);
  });

  it('answers false when closed any other way (Escape)', async () => {
    const answer = ConfirmDialog.ask(dialog, question);
    await settle();
    container()!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', keyCode: 27, bubbles: true }));
    expect(await answer).toBe(false);
  });
});
