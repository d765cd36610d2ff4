import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** Form-level errors (those the API did not tie to one field), announced when they appear. */
@Component({
  selector: 'app-form-messages',
  template: `
    <div role="alert" aria-atomic="true">
      @if (messages().length) {
        <div class="form-messages">
          <strong>{{ heading() }}</strong>
          <ul>
            @for (message of messages(); track $index) {
              <li>{{ message }}</li>
            }
          </ul>
        </div>
      }
    </div>
  `,
  styles: `
    .form-messages {
      border-left: 4px solid var(--mat-sys-error);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      padding: 0.5rem 1rem;
      margin: 1rem 0;
    }
    ul { margin: 0.25rem 0 0; padding-left: 1.25rem; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FormMessages {
  readonly messages = input<string[]>([]);
  readonly heading = input('Error:');
}
