import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { IdleLogout } from '../auth/idle-logout';

/** The one-minute warning before an idle sign-out. */
@Component({
  selector: 'app-idle-warning',
  imports: [MatButtonModule],
  template: `
    @if (idle.warningVisible()) {
      <section class="idle-warning" role="alertdialog" aria-labelledby="idle-title" aria-describedby="idle-text">
        <h2 id="idle-title">Still there?</h2>
        <p id="idle-text">
          You will be signed out in <strong>{{ idle.secondsLeft() }} s</strong> because there has been no activity.
          Unsaved session notes are kept as a draft.
        </p>
        <button #stay mat-flat-button type="button" (click)="idle.staySignedIn()">Stay signed in</button>
      </section>
    }
  `,
  styles: `
    .idle-warning {
      position: fixed;
      inset: 0 0 auto 0;
      z-index: 1100;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1.5rem;
      padding: 0.75rem 1.5rem;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
      border-bottom: 3px solid currentColor;
    }
    h2 { font-size: 1rem; margin: 0; }
    p { margin: 0; flex: 1; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IdleWarning {
  protected readonly idle = inject(IdleLogout);
  // read: ElementRef, because on a Material button the reference is the MatButton instance.
  private readonly stayButton = viewChild('stay', { read: ElementRef<HTMLButtonElement> });

  constructor() {
    // Moving focus to the answer lets a keyboard user stay signed in with one key press.
    afterRenderEffect(() => this.stayButton()?.nativeElement.focus());
  }
}
