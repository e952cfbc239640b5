/** Statistics (placeholder, being built). */
import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'exam-statistics-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<h1>Statistics</h1>',
})
export class StatisticsPage {}
