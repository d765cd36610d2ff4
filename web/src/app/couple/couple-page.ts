import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'app-couple-page',
  template: '<h1>Couple</h1>',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CouplePage {}
