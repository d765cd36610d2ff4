import { Injectable, signal } from '@angular/core';

/** Bumped after any safety write so the banner and the panel, loaded separately, both reload. */
@Injectable({ providedIn: 'root' })
export class SafetyRefresh {
  readonly version = signal(0);

  bump(): void {
    this.version.update((v) => v + 1);
  }
}
