/** Results (placeholder, being built). */
import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'exam-session-results-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<h1>Results</h1>',
})
export class SessionResultsPage {}
