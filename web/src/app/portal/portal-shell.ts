import { afterNextRender, ChangeDetectionStrategy, Component, ElementRef, inject, Injector, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterOutlet } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { describeError } from '../core/api/problem-details';
import { PracticeApi } from '../core/api/practice-api';
import { CrisisResources } from '../core/api/practice-types';
import { CrisisResourcesPanel } from './crisis-resources';
import { QuickExit } from './quick-exit';

/**
 * Frame of every portal page: the "leave this page" exit is always in the same place, first, and
 * "Need help now?" beside it opens the practice's crisis text in one tap.
 */
@Component({
  selector: 'app-portal-shell',
  imports: [RouterOutlet, MatButtonModule, CrisisResourcesPanel],
  template: `
    <div class="exit-bar">
      <button mat-flat-button type="button" class="leave" (click)="exit.leave()">Leave this page</button>
      <button mat-stroked-button type="button" class="help" [attr.aria-expanded]="helpOpen()" aria-controls="portal-help"
        (click)="toggleHelp()">Need help now?</button>
    </div>
    <div id="portal-help">
      @if (helpOpen()) {
        @if (crisis(); as resources) {
          <app-crisis-resources [resources]="resources" headingId="portal-help-heading" />
        } @else if (helpError()) {
          <p role="alert">{{ helpError() }} If you are in danger now, call your local emergency number.</p>
        } @else {
          <p role="status">Loading…</p>
        }
      }
    </div>
    <router-outlet />
  `,
  styles: `
    .exit-bar {
      position: sticky;
      top: 0;
      z-index: 10;
      display: flex;
      flex-wrap: wrap;
      flex-direction: row-reverse;
      justify-content: flex-start;
      gap: 0.5rem;
      padding: 0.5rem 0;
      background: var(--mat-sys-surface);
    }
    .exit-bar button { min-height: 44px; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalShell {
  protected readonly exit = inject(QuickExit);
  private readonly api = inject(PracticeApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly helpOpen = signal(false);
  protected readonly crisis = signal<CrisisResources | null>(null);
  protected readonly helpError = signal('');

  protected async toggleHelp(): Promise<void> {
    if (this.helpOpen()) {
      this.helpOpen.set(false);
      return;
    }
    this.helpOpen.set(true);
    this.helpError.set('');
    if (!this.crisis()) {
      try {
        this.crisis.set(await firstValueFrom(this.api.crisisResources()));
      } catch (error) {
        this.helpError.set(`Could not load the practice's help text: ${describeError(error)}.`);
        return;
      }
    }
    afterNextRender({ read: () => this.host.nativeElement.querySelector<HTMLElement>('#portal-help-heading')?.focus() }, { injector: this.injector });
  }
}
