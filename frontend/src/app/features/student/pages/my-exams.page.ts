/** The student's start page: their exams. None can be listed yet, so it is an honest empty state. */
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { AuthService } from '../../../core/auth/auth.service';

@Component({
  selector: 'exam-my-exams-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>My exams</h1>
    <p class="lead">Hello {{ name() }}. Your exams appear here when your teacher opens them.</p>
    <section class="card empty-state" aria-labelledby="no-exams">
      <h2 id="no-exams">No exams yet</h2>
      <p class="muted">
        When your teacher starts an exam for you, it will be listed here with its time limit. If you
        expect one now, check with your teacher that you are enrolled.
      </p>
    </section>
  `,
})
export class MyExamsPage {
  private readonly auth = inject(AuthService);
  protected readonly name = computed(() => this.auth.user()?.displayName ?? '');
}
