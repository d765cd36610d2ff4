import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterOutlet } from '@angular/router';
import { QuickExit } from './quick-exit';

/** Frame of every portal page: the "leave this page" exit is always in the same place. */
@Component({
  selector: 'app-portal-shell',
  imports: [RouterOutlet, MatButtonModule],
  template: `
    <div class="exit-bar">
      <button mat-flat-button type="button" class="leave" (click)="exit.leave()">Leave this page</button>
    </div>
    <router-outlet />
  `,
  styles: `
    .exit-bar {
      position: sticky;
      top: 0;
      z-index: 10;
      display: flex;
      justify-content: flex-end;
      padding: 0.5rem 0;
      background: var(--mat-sys-surface);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalShell {
  protected readonly exit = inject(QuickExit);
}
