/** The student's start page: their exam sessions (with their own time), a way into the live ones. */
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ExamSessionStatus, MyExamSessionView } from '@exam/contracts';
import { toApiError } from '../../../core/api/api-error';
import { LiveSessionApiService } from '../../../core/api/live-session-api.service';
import { AuthService } from '../../../core/auth/auth.service';
import { ZonedDatePipe } from '../../../core/time/zoned-date.pipe';
import { workingTimeText } from '../data-access/time-text';

const STATUS: Record<ExamSessionStatus, string> = {
  preparing: 'Opening soon',
  active: 'In progress',
  paused: 'Paused',
  completed: 'Finished',
  terminated: 'Ended',
};

@Component({
  selector: 'exam-my-exams-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ZonedDatePipe],
  template: `
    <h1>My exams</h1>
    <p class="lead">Hello {{ name() }}. Your exams appear here when your teacher opens them.</p>
    <p>
      <a class="btn" routerLink="/student/join" data-testid="join-with-code">Join with a code</a>
    </p>
    @if (error(); as err) {
      <p class="alert" role="alert">{{ err }}</p>
    }
    @if (sessions(); as list) {
      @if (list.length === 0) {
        <section class="card empty-state" aria-labelledby="no-exams">
          <h2 id="no-exams">No exams yet</h2>
          <p class="muted">
            When your teacher starts an exam for you, it will be listed here with its time limit. If
            you expect one now, check with your teacher that you are enrolled.
          </p>
        </section>
      } @else {
        <ul class="sessions" aria-label="My exam sessions">
          @for (s of list; track s.id) {
            <li class="card session">
              <div>
                <h2 class="s-title">{{ s.title }}</h2>
                <p class="muted meta">
                  <span data-testid="exam-time">{{ time(s) }}</span> ·
                  {s.questionCount, plural, =1 {1 question} other {{{ s.questionCount }} questions}}
                  @if (s.status === 'preparing' && s.scheduledStartAt) {
                    · planned for {{ s.scheduledStartAt | zonedDate: 'EEE d MMM y, HH:mm' }}
                  }
                </p>
              </div>
              <span class="badge" [attr.data-status]="s.status">{{ statusLabel(s) }}</span>
              @if (canOpen(s)) {
                <a class="btn btn-primary" [routerLink]="['/student/sessions', s.id]">
                  {{ s.status === 'preparing' ? 'Go to the waiting room' : 'Open exam' }}
                  <span class="visually-hidden">: {{ s.title }}</span>
                </a>
              } @else if (finished(s)) {
                @if (s.resultsRelease !== 'none') {
                  <a
                    class="btn btn-primary"
                    [routerLink]="['/student/results', s.id]"
                    data-testid="see-result"
                  >
                    See your result<span class="visually-hidden">: {{ s.title }}</span>
                  </a>
                } @else {
                  <span class="muted not-released" data-testid="not-released"
                    >Results not released yet</span
                  >
                }
              }
            </li>
          }
        </ul>
      }
    } @else if (!error()) {
      <p class="muted" role="status">Loading your exams…</p>
    }
  `,
  styles: `
    .sessions {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 0.75rem;
    }
    .session {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.75rem 1rem;
    }
    .session > div {
      flex: 1 1 14rem;
    }
    .s-title {
      font-size: 1.15rem;
      margin: 0 0 0.25rem;
    }
    .meta {
      margin: 0;
    }
    .not-released {
      font-size: 0.95rem;
    }
  `,
})
export class MyExamsPage {
  private readonly auth = inject(AuthService);
  private readonly api = inject(LiveSessionApiService);
  protected readonly name = computed(() => this.auth.user()?.displayName ?? '');
  protected readonly sessions = signal<MyExamSessionView[] | null>(null);
  protected readonly error = signal<string | null>(null);

  constructor() {
    this.api.mySessions().subscribe({
      next: (page) => this.sessions.set(page.items),
      error: (e: unknown) => this.error.set(toApiError(e).message),
    });
  }

  /** The student's own working time, with their extra time (never the bare duration). */
  protected time(s: MyExamSessionView): string {
    return workingTimeText(s.allowanceMs, s.durationMinutes);
  }

  protected statusLabel(s: MyExamSessionView): string {
    if (s.me.status === 'completed') return 'Submitted';
    return STATUS[s.status];
  }

  /** The student submitted, or the session is over (whether they took part or not). */
  protected finished(s: MyExamSessionView): boolean {
    return s.me.status === 'completed' || s.status === 'completed' || s.status === 'terminated';
  }

  protected canOpen(s: MyExamSessionView): boolean {
    return s.me.status !== 'completed' && ['preparing', 'active', 'paused'].includes(s.status);
  }
}
