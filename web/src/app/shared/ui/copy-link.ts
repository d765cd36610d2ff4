import { Clipboard } from '@angular/cdk/clipboard';

import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { WhenPipe } from './when';

/** Shows a link to hand over (an invitation), with a copy button and when it expires. */
@Component({
  selector: 'app-copy-link',
  imports: [MatButtonModule, WhenPipe],
  template: `
    <div class="copy-link">
      <label [for]="fieldId">{{ label() }}</label>
      <div class="row">
        <input [id]="fieldId" type="text" readonly [value]="url()" (focus)="select($event)" />
        <button mat-stroked-button type="button" (click)="copy()">Copy link</button>
      </div>
      @if (expiresAt(); as expires) {
        <p class="hint">Single use; expires {{ expires | when: 'dateTime' }}.</p>
      }
      <p class="status" role="status">{{ copied() ? 'Link copied to the clipboard.' : '' }}</p>
    </div>
  `,
  styles: `
    .copy-link { margin: 0.5rem 0 1rem; }
    label { display: block; font-weight: 500; margin-bottom: 0.25rem; }
    .row { display: flex; gap: 0.5rem; align-items: center; }
    input { flex: 1; min-width: 0; font: inherit; padding: 0.5rem; border: 1px solid var(--mat-sys-outline); border-radius: 4px; }
    .hint, .status { margin: 0.25rem 0 0; font-size: 0.875rem; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CopyLink {
  private static nextId = 0;
  private readonly clipboard = inject(Clipboard);

  readonly url = input.required<string>();
  readonly label = input('Invitation link');
  readonly expiresAt = input<string | null>(null);
  protected readonly copied = signal(false);
  protected readonly fieldId = `copy-link-${CopyLink.nextId++}`;

  protected copy(): void {
    this.copied.set(this.clipboard.copy(this.url()));
  }

  protected select(event: FocusEvent): void {
    (event.target as HTMLInputElement).select();
  }
}

/** The portal/therapist invitation URL for a token, on this app's own origin. */
export function invitationUrl(token: string, origin = globalThis.location?.origin ?? ''): string {
  return `${origin}/invite?token=${encodeURIComponent(token)}`;
}
