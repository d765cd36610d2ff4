import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { FieldError } from '../shared/ui/field-error';
import { FormMessages } from '../shared/ui/form-messages';

export function buildSignForm() {
  return new FormGroup({
    typedName: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(200), Validators.pattern(/\S/)] }),
    agreeToSignElectronically: new FormControl(false, { nonNullable: true, validators: Validators.requiredTrue }),
  });
}

export type SignForm = ReturnType<typeof buildSignForm>;

/**
 * The signature step: the partner types their own full name and agrees to sign electronically. The page that
 * hosts it sends the signature (with the SHA-256 of the text it showed) and maps the API's errors onto this form.
 */
@Component({
  selector: 'app-sign-form',
  imports: [ReactiveFormsModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, FieldError, FormMessages],
  template: `
    <form [formGroup]="form()" (ngSubmit)="submit()" novalidate aria-labelledby="sign-heading">
      <h2 id="sign-heading">Sign</h2>
      <p>To sign, type your full name — {{ fullName() }} — as you would write it at the bottom of a paper copy.</p>
      <app-form-messages [messages]="messages()" heading="Not signed yet:" />
      <mat-form-field class="wide">
        <mat-label>Your full name</mat-label>
        <input matInput formControlName="typedName" autocomplete="name" required />
        @if (form().controls.typedName.invalid) {
          <mat-error><app-field-error [control]="form().controls.typedName" label="Your name" /></mat-error>
        }
      </mat-form-field>
      <mat-checkbox formControlName="agreeToSignElectronically">
        I agree to sign electronically, and my typed name counts as my signature.
      </mat-checkbox>
      @if (form().controls.agreeToSignElectronically.invalid && form().controls.agreeToSignElectronically.touched) {
        <p class="field-error" role="alert">
          <app-field-error [control]="form().controls.agreeToSignElectronically" label="Agreeing to sign electronically" />
        </p>
      }
      <div class="actions">
        <button mat-flat-button type="submit" [disabled]="busy()">{{ busy() ? 'Signing…' : 'Sign' }}</button>
      </div>
    </form>
  `,
  styles: `
    form { margin-top: var(--space-5, 1.5rem); max-width: 40rem; }
    .wide { width: 100%; }
    .actions { margin-top: 1rem; }
    .actions button { min-height: 44px; }
    .field-error { color: var(--mat-sys-error); font-size: 0.875rem; }
    mat-checkbox { display: block; min-height: 44px; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignFormComponent {
  readonly form = input.required<SignForm>();
  readonly fullName = input.required<string>();
  readonly busy = input(false);
  readonly messages = input<string[]>([]);
  readonly signed = output<string>();

  protected submit(): void {
    const form = this.form();
    form.markAllAsTouched();
    if (form.invalid) return;
    this.signed.emit(form.controls.typedName.value.trim());
  }
}
