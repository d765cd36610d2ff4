import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';

export interface JointWorkDialogData {
  exerciseTitle: string;
  detail: string | null;
}

/** Asks the therapist to confirm joint homework while a safety concern is open or joint sessions are paused. */
@Component({
  selector: 'app-joint-work-dialog',
  imports: [MatDialogModule, MatButtonModule],
  template: `
    <h2 mat-dialog-title>Confirm joint homework</h2>
    <mat-dialog-content>
      <p>
        A safety concern is open for this couple, or joint sessions are paused. Conjoint work can put a partner at risk
        while one of them is not safe, so “{{ data.exerciseTitle }}” for both partners needs your explicit confirmation.
      </p>
      @if (data.detail) {
        <p>{{ data.detail }}</p>
      }
      <p>Your confirmation is recorded in the audit log.</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false" cdkFocusInitial>Don't assign</button>
      <button mat-flat-button type="button" [mat-dialog-close]="true">I have considered safety — assign to both</button>
    </mat-dialog-actions>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class JointWorkDialog {
  protected readonly data = inject<JointWorkDialogData>(MAT_DIALOG_DATA);
}
