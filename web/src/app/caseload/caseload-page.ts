import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'app-caseload-page',
  template: '<h1>Caseload</h1>',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CaseloadPage {}
