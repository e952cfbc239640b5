/** Question responses (placeholder, being built). */
import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'exam-question-responses-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<h1>Question responses</h1>',
})
export class QuestionResponsesPage {}
