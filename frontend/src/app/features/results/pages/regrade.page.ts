/** Regrade (placeholder, being built). */
import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'exam-regrade-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<h1>Regrade</h1>',
})
export class RegradePage {}
