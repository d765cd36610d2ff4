import { Clipboard } from '@angular/cdk/clipboard';
import { afterNextRender, ChangeDetectionStrategy, Component, computed, ElementRef, inject, input, output, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';

/**
 * The ten one-time recovery codes, shown once right after enrolment: copy, download as a text
 * file, and an explicit "I have saved them" before the user moves on.
 */
@Component({
  selector: 'app-recovery-codes',
  imports: [MatButtonModule, MatCheckboxModule],
  template: `
    <section class="recovery" aria-labelledby="recovery-heading">
      <h3 id="recovery-heading" #heading tabindex="-1">Save your recovery codes</h3>
      <p>
        If you lose your phone, each of these codes lets you sign in once instead of a code from the app. This is the
        only time they are shown: keep them somewhere safe and private, such as a password manager.
      </p>
      <ol class="codes" aria-label="Recovery codes">
        @for (code of codes(); track code) {
          <li><code>{{ code }}</code></li>
        }
      </ol>
      <div class="page-actions">
        <button mat-stroked-button type="button" (click)="copy()">Copy codes</button>
        <a mat-stroked-button [href]="downloadHref()" download="clinic-recovery-codes.txt">Download as .txt</a>
      </div>
      <p class="status" role="status">{{ copied() ? 'The recovery codes were copied to the clipboard.' : '' }}</p>
      <mat-checkbox [checked]="saved()" (change)="saved.set($event.checked); missing.set(false)" aria-describedby="saved-error">
        I have saved my recovery codes
      </mat-checkbox>
      <p id="saved-error" class="error" role="alert">
        {{ missing() ? 'Confirm that you saved the codes: they are not shown again.' : '' }}
      </p>
      <button mat-flat-button type="button" (click)="finish()" [disabled]="busy()">Continue</button>
    </section>
  `,
  styles: `
    .codes { columns: 2; max-width: 26rem; padding-left: 2rem; font-size: 1.05rem; line-height: 1.8; }
    .codes code { font-family: ui-monospace, monospace; letter-spacing: 0.05em; }
    .status, .error { min-height: 1.25rem; margin: 0.25rem 0; }
    .error { color: var(--mat-sys-error); }
    h3 { font-size: 1.125rem; font-weight: 500; }
    h3:focus { outline: none; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecoveryCodes {
  private readonly clipboard = inject(Clipboard);
  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');

  readonly codes = input.required<string[]>();
  /** While the parent finishes (refreshing the session), Continue waits. */
  readonly busy = input(false);
  /** The user confirmed they saved the codes. */
  readonly acknowledged = output<void>();

  protected readonly saved = signal(false);
  protected readonly missing = signal(false);
  protected readonly copied = signal(false);
  protected readonly text = computed(
    () => `Clinic recovery codes\nEach code signs you in once. Keep them private.\n\n${this.codes().join('\n')}\n`,
  );
  protected readonly downloadHref = computed(() => `data:text/plain;charset=utf-8,${encodeURIComponent(this.text())}`);

  constructor() {
    // The codes replace the form the user was typing in: start reading at their heading.
    afterNextRender({ write: () => this.heading().nativeElement.focus() });
  }

  protected copy(): void {
    this.copied.set(this.clipboard.copy(this.text()));
  }

  protected finish(): void {
    if (!this.saved()) {
      this.missing.set(true);
      return;
    }
    this.acknowledged.emit();
  }
}
