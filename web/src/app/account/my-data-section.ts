import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { describeError } from '../core/api/problem-details';
import { FileDownload } from '../shared/ui/download';

/**
 * "Download my data" (right of access): a ZIP with everything the partner entered in the portal or was shown there,
 * as JSON and as a page to read. Fetched with the in-memory token and handed to the browser; nothing is stored.
 */
@Component({
  selector: 'app-my-data-section',
  imports: [MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="my-data-heading">
      <h2 id="my-data-heading">Your data</h2>
      <p>Download a copy of everything you entered here or were shown: your details, your homework entries and the ones your
        partner shared with you, your questionnaires and the results shared with you, the agreements and releases you were
        asked to sign, your intake forms, your appointments and your reminder choices. It comes as a ZIP file with a page you can open in any browser. Your therapist's own notes are not part of it.</p>
      <button mat-flat-button type="button" (click)="download()" [disabled]="busy()">Download my data</button>
      <p role="status">{{ message() }}</p>
    </section>
  `,
  styles: `
    button { min-height: 44px; }
  `,
})
export class MyDataSection {
  private readonly file = inject(FileDownload);
  protected readonly busy = signal(false);
  protected readonly message = signal('');

  protected async download(): Promise<void> {
    this.busy.set(true);
    this.message.set('Preparing your copy…');
    try {
      await this.file.save('/api/portal/my-data', {}, 'my-data.zip');
      this.message.set('Your copy was downloaded. Keep it somewhere only you can open.');
    } catch (error) {
      this.message.set(`Could not prepare your copy: ${describeError(error)}`);
    } finally {
      this.busy.set(false);
    }
  }
}
