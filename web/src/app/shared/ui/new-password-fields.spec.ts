import { ChangeDetectionStrategy, Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ReactiveFormsModule } from '@angular/forms';
import {
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  NewPasswordFields,
  NewPasswordWording,
  newPasswordForm,
} from './new-password-fields';

@Component({
  imports: [ReactiveFormsModule, NewPasswordFields],
  template: `
    <form [formGroup]="form" (ngSubmit)="form.markAllAsTouched()" novalidate>
      <app-new-password-fields [form]="form" />
    </form>
  `,
  // OnPush like the pages that use it: the fields must still show what the submit reveals.
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly form = newPasswordForm();
}

@Component({
  imports: [ReactiveFormsModule, NewPasswordFields],
  template: `
    <form [formGroup]="form" (ngSubmit)="form.markAllAsTouched()" novalidate>
      <app-new-password-fields [form]="form" [wording]="wording" />
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class WordedHost {
  readonly form = newPasswordForm();
  readonly wording: NewPasswordWording = {
    confirmLabel: 'Confirm new password',
    required: 'Type a new password.',
    tooShort: 'Too short for a new password.',
    tooLong: 'Too long for a new password.',
    confirmRequired: 'Type it again.',
    mismatch: 'The new ones differ.',
  };
}

describe('NewPasswordFields', () => {
  let fixture: ComponentFixture<Host>;
  let element: HTMLElement;

  beforeEach(async () => {
    fixture = TestBed.createComponent(Host);
    element = fixture.nativeElement;
    await fixture.whenStable();
  });

  const inputs = () => Array.from(element.querySelectorAll<HTMLInputElement>('input'));

  async function fill(password: string, confirm: string): Promise<void> {
    const [first, second] = inputs();
    first.value = password;
    first.dispatchEvent(new Event('input'));
    second.value = confirm;
    second.dispatchEvent(new Event('input'));
    element.querySelector('form')!.dispatchEvent(new Event('submit'));
    fixture.detectChanges();
    await fixture.whenStable();
  }

  it('mirrors the API password policy: 12 to 256 characters', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(12);
    expect(MAX_PASSWORD_LENGTH).toBe(256);
  });

  it('labels both inputs as new passwords for assistive technology and password managers', () => {
    const [password, confirm] = inputs();
    expect(inputs()).toHaveLength(2);
    for (const input of [password, confirm]) {
      expect(input.type).toBe('password');
      expect(input.getAttribute('autocomplete')).toBe('new-password');
      expect(input.required).toBe(true);
    }
    const labelOf = (input: HTMLInputElement) => element.querySelector(`label[for="${input.id}"]`)?.textContent?.trim();
    expect(labelOf(password)).toContain('New password');
    expect(labelOf(confirm)).toContain('Confirm password');
    expect(element.textContent).toContain('At least 12 characters.');
  });

  it('asks for both fields when nothing is typed', async () => {
    await fill('', '');
    expect(fixture.componentInstance.form.invalid).toBe(true);
    expect(element.textContent).toContain('Enter a password.');
    expect(element.textContent).toContain('Enter the password again.');
  });

  it('refuses 11 characters and accepts 12', async () => {
    await fill('a'.repeat(11), 'a'.repeat(11));
    expect(fixture.componentInstance.form.controls.password.hasError('minlength')).toBe(true);
    expect(element.textContent).toContain('Use at least 12 characters.');

    await fill('a'.repeat(12), 'a'.repeat(12));
    expect(fixture.componentInstance.form.valid).toBe(true);
    expect(element.textContent).not.toContain('Use at least 12 characters.');
  });

  it('accepts 256 characters and refuses 257', async () => {
    await fill('b'.repeat(256), 'b'.repeat(256));
    expect(fixture.componentInstance.form.valid).toBe(true);

    await fill('b'.repeat(257), 'b'.repeat(257));
    expect(fixture.componentInstance.form.controls.password.hasError('maxlength')).toBe(true);
    expect(element.textContent).toContain('Use at most 256 characters.');
  });

  it('announces a confirmation that does not match', async () => {
    await fill('long enough password', 'long enough passwork');
    expect(fixture.componentInstance.form.hasError('mismatch')).toBe(true);
    expect(element.querySelector('[role=alert]')?.textContent).toContain('Error: the two passwords do not match.');

    await fill('long enough password', 'long enough password');
    expect(fixture.componentInstance.form.valid).toBe(true);
    expect(element.querySelector('[role=alert]')).toBeNull();
    expect(fixture.componentInstance.form.getRawValue()).toEqual({ password: 'long enough password', confirm: 'long enough password' });
  });

  it('shows the API\'s own word on the password', async () => {
    await fill('long enough password', 'long enough password');
    fixture.componentInstance.form.controls.password.setErrors({ server: 'The password must be between 12 and 256 characters.' });
    fixture.detectChanges();
    await fixture.whenStable();
    expect(element.textContent).toContain('The password must be between 12 and 256 characters.');
  });

  it("speaks the page's own words when it gives some", async () => {
    const custom = TestBed.createComponent(WordedHost);
    const host: HTMLElement = custom.nativeElement;
    await custom.whenStable();
    const [password, confirm] = Array.from(host.querySelectorAll<HTMLInputElement>('input'));
    expect(host.querySelector(`label[for="${confirm.id}"]`)?.textContent).toContain('Confirm new password');
    password.value = 'short';
    password.dispatchEvent(new Event('input'));
    confirm.value = 'shorter';
    confirm.dispatchEvent(new Event('input'));
    host.querySelector('form')!.dispatchEvent(new Event('submit'));
    custom.detectChanges();
    await custom.whenStable();
    expect(host.textContent).toContain('Too short for a new password.');
    expect(host.querySelector('[role=alert]')?.textContent).toContain('The new ones differ.');
    expect(host.textContent).not.toContain('Use at least 12 characters.');
  });
});
