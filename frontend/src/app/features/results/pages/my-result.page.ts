/** My result (placeholder, being built). */
import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'exam-my-result-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<h1>My result</h1>',
})
export class MyResultPage {}
