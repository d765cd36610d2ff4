import { afterNextRender, DOCUMENT, inject, Injectable, Injector } from '@angular/core';
import { NavigationEnd, Router } from '@angular/router';
import { filter } from 'rxjs';

/**
 * Moves focus to the new page's h1 after each in-app navigation, so screen-reader and keyboard
 * users start at the page they asked for instead of wherever the old page left focus.
 */
@Injectable({ providedIn: 'root' })
export class NavigationFocus {
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly document = inject(DOCUMENT);
  private started = false;

  start(): void {
    if (this.started) return;
    this.started = true;
    this.router.events
      .pipe(filter((event) => event instanceof NavigationEnd))
      .subscribe((event) => {
        // The first load keeps the browser's own focus handling.
        if (event.id === 1) return;
        afterNextRender({ read: () => this.focusHeading() }, { injector: this.injector });
      });
  }

  focusHeading(): void {
    const heading = this.document.querySelector<HTMLElement>('main h1');
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus();
  }
}
