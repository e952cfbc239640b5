/**
 * /teacher/sessions/:id/live: the teacher's live dashboard. Reads the session service's
 * signals and renders the header, controls, grid, activity feed and who runs the session.
 * What the user may do follows their standing (teacher, co-teacher, invigilator, admin):
 * invigilators get no way to results or staff changes, and are told why. Someone taken off
 * the staff while here sees that, not a dashboard that stopped moving.
 */
import {
  ChangeDetectionStrategy,
  Component,
  OnInit,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import type { BroadcastLevel, ExamSessionView } from '@exam/contracts';
import {
  LiveSessionApiService,
  type SessionCommandName,
} from '../../../core/api/live-session-api.service';
import { AuthService } from '../../../core/auth/auth.service';
import { LiveActivityFeedComponent } from '../components/live-activity-feed.component';
import { LiveControlsComponent } from '../components/live-controls.component';
import { LiveHeaderComponent } from '../components/live-header.component';
import { LiveRosterGridComponent } from '../components/live-roster-grid.component';
import { SessionStaffPanelComponent } from '../components/session-staff-panel.component';
import { INVIGILATOR_NOTE, maySeeResults, sessionStanding } from '../data-access/session-standing';
import { TeacherLiveSession } from '../data-access/teacher-live-session.service';

@Component({
  selector: 'exam-live-session-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [TeacherLiveSession],
  imports: [
    RouterLink,
    LiveHeaderComponent,
    LiveControlsComponent,
    LiveRosterGridComponent,
    LiveActivityFeedComponent,
    SessionStaffPanelComponent,
  ],
  template: `
    <p class="back"><a routerLink="/teacher/sessions">← All sessions</a></p>
    @if (live.removed(); as why) {
      <section class="card removed" role="alert" aria-labelledby="removed-title">
        <h1 id="removed-title">You were removed from this session's staff</h1>
        <p>{{ why }}</p>
        <a class="btn btn-primary" routerLink="/teacher/sessions">Back to your sessions</a>
      </section>
    } @else {
      @if (live.mode() === 'rest') {
        <p class="alert alert-warning" role="status">
          Slower mode: live updates are blocked on this network, so this page refreshes every few
          seconds instead.
        </p>
      }
      @if (live.error(); as err) {
        <p class="alert" role="alert">{{ err }}</p>
      }
      <p class="visually-hidden" role="status" aria-live="polite">{{ live.notice() }}</p>
      @if (live.state(); as s) {
        <exam-live-header
          [title]="s.title"
          [status]="s.status"
          [remainingMs]="live.remainingMs()"
          [durationMinutes]="s.durationMinutes"
          [connected]="live.connectedCount()"
          [enrolled]="s.roster.length"
          [completed]="completedCount()"
          [sessionId]="resultsOpen() ? s.sessionId : null"
        />
        @if (standing() === 'invigilator') {
          <p class="note" data-testid="invigilator-note">{{ invigilatorNote }}</p>
        }
        <div class="layout">
          <div class="main-col">
            <exam-live-roster-grid
              [rows]="s.roster"
              [serverNow]="live.serverNow()"
              [status]="s.status"
              [questionNumbers]="questionNumbers()"
              [showScores]="resultsOpen()"
            />
          </div>
          <div class="side-col">
            <exam-live-controls
              [status]="s.status"
              [busy]="live.busy()"
              [students]="students()"
              (control)="onCommand($event)"
              (addTime)="live.addTime($event.minutes, $event.studentId)"
              (broadcast)="onBroadcast($event)"
            />
            <div class="stack">
              <exam-live-activity-feed [items]="live.feed()" />
              @if (session(); as view) {
                <exam-session-staff-panel
                  [session]="view"
                  [standing]="standing()"
                  [meId]="meId()"
                  (changed)="session.set($event)"
                />
              }
            </div>
          </div>
        </div>
      } @else if (!live.error()) {
        <p class="muted" role="status">Connecting to the live session…</p>
      }
    }
  `,
  styles: `
    .back {
      margin-block-end: 0.75rem;
    }
    .layout {
      display: grid;
      gap: 1rem;
      grid-template-columns: minmax(0, 1fr);
    }
    .side-col {
      display: grid;
      gap: 1rem;
      grid-template-columns: minmax(0, 1fr);
      align-items: start;
    }
    @media (min-width: 56rem) {
      .side-col {
        grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
      }
    }
    .stack {
      display: grid;
      gap: 1rem;
      grid-template-columns: minmax(0, 1fr);
      align-items: start;
    }
    .note {
      margin-block: -0.25rem 1rem;
      padding: 0.6rem 1rem;
      border-radius: var(--radius);
      border-inline-start: 4px solid var(--primary);
      background: var(--primary-soft);
      color: var(--primary-strong);
      font-weight: 500;
    }
    .removed {
      max-inline-size: 40rem;
    }
    .removed h1 {
      font-size: 1.5rem;
    }
    .alert-warning {
      border-inline-start-color: var(--warning);
      background: #fff4e5;
      color: #7a2e0b;
    }
  `,
})
export class LiveSessionPage implements OnInit {
  /** Route parameter. */
  readonly id = input.required<string>();
  protected readonly live = inject(TeacherLiveSession);
  private readonly api = inject(LiveSessionApiService);
  private readonly auth = inject(AuthService);

  /** The session's plan and people (who runs it decides what this user may do here). */
  protected readonly session = signal<ExamSessionView | null>(null);
  protected readonly meId = computed(() => this.auth.user()?.id ?? null);
  protected readonly standing = computed(() => {
    const s = this.session();
    return s ? sessionStanding(this.auth.user(), s) : null;
  });
  /** Results links and scores wait until the standing is known: invigilators never get them. */
  protected readonly resultsOpen = computed(() => maySeeResults(this.standing()));
  protected readonly invigilatorNote = INVIGILATOR_NOTE;

  protected readonly questionNumbers = signal<Record<string, number>>({});
  protected readonly completedCount = computed(
    () => this.live.state()?.roster.filter((r) => r.status === 'completed').length ?? 0,
  );
  protected readonly students = computed(() =>
    (this.live.state()?.roster ?? []).map((r) => ({ id: r.studentId, name: r.displayName })),
  );

  ngOnInit(): void {
    this.live.start(this.id());
    this.api.session(this.id()).subscribe({
      next: (s) => {
        this.session.set(s);
        this.api.exam(s.examId).subscribe({
          next: (exam) => {
            const map: Record<string, number> = {};
            exam.questions.forEach((q, i) => (map[q.id] = i + 1));
            this.questionNumbers.set(map);
          },
          error: () => undefined,
        });
      },
      error: () => undefined,
    });
  }

  protected onCommand(name: SessionCommandName): void {
    this.live.command(name);
  }

  protected onBroadcast(e: {
    message: string;
    level: BroadcastLevel;
    studentIds?: string[];
  }): void {
    this.live.broadcast(e.message, e.level, e.studentIds);
  }
}
