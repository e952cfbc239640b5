/** The teacher's start page: a welcome and how many students the academy has. */
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { toApiError } from '../../../core/api/api-error';
import { UsersApiService } from '../../../core/api/users-api.service';
import { AuthService } from '../../../core/auth/auth.service';

@Component({
  selector: 'exam-teacher-home-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <h1>Welcome, {{ name() }}</h1>
    <p class="lead">
      Write exams in <a routerLink="/teacher/exams">Exams</a>, plan a sitting for your class, then
      run it live from <a routerLink="/teacher/sessions">Sessions</a>: launch, watch every student,
      pause, add time and end.
    </p>
    <section class="card" aria-labelledby="academy-heading">
      <h2 id="academy-heading">{{ academy() }}</h2>
      <div aria-live="polite">
        @if (error(); as message) {
          <p class="alert">{{ message }}</p>
        } @else if (studentCount() === null) {
          <p class="muted">Counting students…</p>
        } @else {
          <p class="stat">
            <span class="stat-number">{{ studentCount() }}</span>
            {studentCount(), plural, =1 {student} other {students}} can take your exams.
          </p>
        }
      </div>
    </section>
  `,
  styles: `
    .card {
      max-inline-size: 42rem;
    }
    .stat {
      margin: 0;
      font-size: 1.1rem;
    }
    .stat-number {
      font-size: 2rem;
      font-weight: 700;
      margin-inline-end: 0.25rem;
    }
  `,
})
export class TeacherHomePage {
  private readonly auth = inject(AuthService);
  protected readonly name = computed(() => this.auth.user()?.displayName ?? '');
  protected readonly academy = computed(() => this.auth.user()?.academyName || 'Your academy');
  protected readonly studentCount = signal<number | null>(null);
  protected readonly error = signal<string | null>(null);

  constructor() {
    inject(UsersApiService)
      .list({ role: 'student', pageSize: 1 })
      .subscribe({
        next: (page) => this.studentCount.set(page.total),
        error: (err: unknown) => this.error.set(toApiError(err).message),
      });
  }
}
