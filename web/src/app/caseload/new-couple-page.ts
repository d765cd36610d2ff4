import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'app-new-couple-page',
  template: '<h1>New couple</h1>',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewCouplePage {}
