/** Student result (placeholder, being built). */
import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'exam-attempt-review-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<h1>Student result</h1>',
})
export class AttemptReviewPage {}
