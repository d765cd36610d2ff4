import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'app-portal-page',
  template: '<h1>My portal</h1>',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalPage {}
