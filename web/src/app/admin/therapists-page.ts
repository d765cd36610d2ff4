import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'app-therapists-page',
  template: '<h1>Therapists</h1>',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TherapistsPage {}
