import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'app-audit-page',
  template: '<h1>Audit log</h1>',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditPage {}
