import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';

export interface ConfirmDialogData {
  /** The question, as the dialog's heading and accessible name. */
  title: string;
  /** What happens if the person goes ahead; one paragraph each. */
  paragraphs: readonly string[];
  /** The button that goes ahead, saying what it does ("End session", not "OK"). */
  confirm: string;
  /** The button that changes nothing. */
  cancel?: string;
}

/**
 * The one way the app asks before a step that cannot be taken back: a Material alert dialog instead of
 * the browser's `confirm()`, which cannot be styled, names its buttons "OK" and "Cancel", and blocks the
 * page. Focus starts on the button that changes nothing, so Enter never confirms by accident.
 */
@Component({
  selector: 'app-confirm-dialog',
  imports: [MatDialogModule, MatButtonModule],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      @for (paragraph of data.paragraphs; track $index) {
        <p>{{ paragraph }}</p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false" cdkFocusInitial>{{ data.cancel ?? 'Cancel' }}</button>
      <button mat-flat-button type="button" [mat-dialog-close]="true">{{ data.confirm }}</button>
    </mat-dialog-actions>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmDialog {
  protected readonly data = inject<ConfirmDialogData>(MAT_DIALOG_DATA);

  /** Opens the dialog; true only when the person chose the confirming button (Escape or a click outside is no). */
  static async ask(dialog: MatDialog, data: ConfirmDialogData): Promise<boolean> {
    const ref = dialog.open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
      data,
      role: 'alertdialog',
      maxWidth: '560px',
    });
    return (await firstValueFrom(ref.afterClosed())) === true;
  }
}
