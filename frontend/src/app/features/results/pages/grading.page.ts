/** Grading (placeholder, being built). */
import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'exam-grading-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<h1>Grading</h1>',
})
export class GradingPage {}
