import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { CreateCoupleRequest } from '../core/api/api-types';
import { ClinicApi } from '../core/api/clinic-api';
import { applyServerErrors } from '../core/api/problem-details';
import { practiceToday } from '../shared/ui/dates';
import { FormMessages } from '../shared/ui/form-messages';
import { FieldError } from '../shared/ui/field-error';

@Component({
  selector: 'app-new-couple-page',
  imports: [ReactiveFormsModule, RouterLink, MatFormFieldModule, MatInputModule, MatButtonModule, FormMessages, FieldError],
  templateUrl: './new-couple-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewCouplePage {
  private readonly api = inject(ClinicApi);
  private readonly router = inject(Router);
  private readonly fb = inject(FormBuilder).nonNullable;

  protected readonly form = this.fb.group({
    partners: this.fb.array([this.partner(), this.partner()]),
    presentingConcerns: ['', Validators.maxLength(4000)],
    goals: ['', Validators.maxLength(4000)],
    startedOn: [practiceToday(), Validators.required],
  });
  protected readonly partnerLabels = ['Partner A', 'Partner B'];
  protected readonly errors = signal<string[]>([]);
  protected readonly submitting = signal(false);

  private partner() {
    return this.fb.group({
      firstName: ['', [Validators.required, Validators.maxLength(100)]],
      lastName: ['', [Validators.required, Validators.maxLength(100)]],
      email: ['', [Validators.required, Validators.email]],
      pronouns: ['', Validators.maxLength(40)],
    });
  }

  protected async submit(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      this.errors.set(['Some fields need attention.']);
      return;
    }
    this.submitting.set(true);
    this.errors.set([]);
    try {
      const couple = await firstValueFrom(this.api.createCouple(this.form.getRawValue() as CreateCoupleRequest));
      await this.router.navigate(['/couples', couple.id]);
    } catch (error) {
      this.errors.set(applyServerErrors(error, this.form).formMessages);
    } finally {
      this.submitting.set(false);
    }
  }
}
