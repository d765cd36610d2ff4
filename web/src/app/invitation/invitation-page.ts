import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'app-invitation-page',
  template: '<h1>Accept invitation</h1>',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InvitationPage {}
