/**
 * /teacher/sessions/:id/live: the teacher's live dashboard. Reads the session service's
 * signals and renders the header, controls, grid, activity feed and who runs the session.
 * Launching and ending ask first, naming who it affects (who is in the lobby; who is still
 * working and how long each has left), and ending offers to let everyone finish their own
 * time, shown by a banner while it lasts. Signing out while the exam runs asks too.
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
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import type { BroadcastLevel, CompleteMode, ExamSessionView } from '@exam/contracts';
import {
  LiveSessionApiService,
  type SessionCommandName,
} from '../../../core/api/live-session-api.service';
import { AuthService } from '../../../core/auth/auth.service';
import { confirmSignOutWhile } from '../../../core/layout/sign-out-check';
import { ClosingBannerComponent } from '../components/closing-banner.component';
import { CompleteConfirmComponent } from '../components/complete-confirm.component';
import { LaunchConfirmComponent } from '../components/launch-confirm.component';
import { LiveActivityFeedComponent } from '../components/live-activity-feed.component';
import { LiveControlsComponent } from '../components/live-controls.component';
import { LiveHeaderComponent } from '../components/live-header.component';
import { JoinCodePanelComponent } from '../components/join-code-panel.component';
import { LiveRosterGridComponent } from '../components/live-roster-grid.component';
import { RemoveStudentConfirmComponent } from '../components/remove-student-confirm.component';
import { StudentTimelineComponent } from '../components/student-timeline.component';
import { SessionStaffPanelComponent } from '../components/session-staff-panel.component';
import {
  INVIGILATOR_NOTE,
  mayChangePlan,
  maySeeResults,
  sessionStanding,
} from '../data-access/session-standing';
import { ExamSessionsApiService } from '../data-access/exam-sessions-api.service';
import type { RosterRow } from '../data-access/teacher-live.state';
import { toApiError } from '../../../core/api/api-error';
import { lobbyCounts, neverJoined, stillWorking } from '../data-access/still-working';
import { TeacherActivity } from '../data-access/teacher-activity.service';
import { TeacherLiveSession } from '../data-access/teacher-live-session.service';

/** What sign-out asks while the exam runs. */
export const TEACHER_SIGN_OUT_TEXT =
  'The exam keeps running for your students and their answers keep being saved, but this dashboard stops. You can sign in again and come back to it.';

@Component({
  selector: 'exam-live-session-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [TeacherLiveSession, TeacherActivity],
  // In the session's live room (not only showing a REST snapshot): for tests and tooling.
  host: { '[attr.data-live]': "live.joined() ? 'joined' : 'waiting'" },
  imports: [
    RouterLink,
    ClosingBannerComponent,
    CompleteConfirmComponent,
    LaunchConfirmComponent,
    LiveHeaderComponent,
    LiveControlsComponent,
    LiveRosterGridComponent,
    LiveActivityFeedComponent,
    JoinCodePanelComponent,
    RemoveStudentConfirmComponent,
    SessionStaffPanelComponent,
    StudentTimelineComponent,
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
        @if (!asking()) {
          <p class="alert" role="alert">{{ err }}</p>
        }
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
          [closing]="closing()"
          [autoLaunchAt]="autoLaunchAt()"
        />
        @if (closing()) {
          <exam-closing-banner
            [working]="working()"
            [busy]="live.busy()"
            (endNow)="ask('complete')"
          />
        }
        @if (standing() === 'invigilator') {
          <p class="note" data-testid="invigilator-note">{{ invigilatorNote }}</p>
        }
        <div class="layout">
          <div class="main-col">
            @if (removing(); as row) {
              <exam-remove-student-confirm
                [name]="row.displayName"
                [joinOpen]="session()?.joinOpen ?? false"
                [busy]="removeBusy()"
                [error]="removeError()"
                (confirm)="removeStudent(row.studentId)"
                (dismiss)="removing.set(null)"
              />
            }
            <exam-live-roster-grid
              [rows]="s.roster"
              [removable]="s.status === 'preparing' && planner()"
              (remove)="removing.set($event)"
              [serverNow]="live.serverNow()"
              [status]="s.status"
              [questionNumbers]="questionNumbers()"
              [showScores]="resultsOpen()"
              [sessionExtraMs]="s.extraMs"
              (timeline)="timelineFor.set($event)"
            />
            @if (timelineRow(); as row) {
              <exam-student-timeline
                [sessionId]="s.sessionId"
                [studentId]="row.studentId"
                [name]="row.displayName"
                [questionNumbers]="questionNumbers()"
                [version]="row.signals.count"
                [toolsAllowed]="planner()"
                (closed)="timelineFor.set(null)"
              />
            }
          </div>
          <div class="side-col">
            <exam-live-controls
              [status]="s.status"
              [busy]="live.busy()"
              [students]="students()"
              [closing]="closing()"
              (control)="onCommand($event)"
              (addTime)="live.addTime($event.minutes, $event.studentId)"
              (broadcast)="onBroadcast($event)"
            >
              @if (asking() === 'launch') {
                <exam-launch-confirm
                  [counts]="lobby()"
                  [durationMinutes]="s.durationMinutes"
                  [lateJoin]="s.config.allowLateJoin"
                  [autoLaunchAt]="autoLaunchAt()"
                  [busy]="live.busy()"
                  (confirm)="launch()"
                  (dismiss)="closeQuestion()"
                />
              } @else if (asking() === 'complete') {
                <exam-complete-confirm
                  [working]="working()"
                  [notJoined]="notJoined()"
                  [closing]="closing()"
                  [busy]="live.busy()"
                  [error]="live.error()"
                  (ownTime)="complete('own_time')"
                  (endNow)="complete('now')"
                  (dismiss)="closeQuestion()"
                />
              }
            </exam-live-controls>
            <div class="stack">
              <exam-live-activity-feed
                [entries]="activity.entries()"
                [names]="names()"
                [hasMore]="activity.hasMore()"
                [loading]="activity.loading()"
                [error]="activity.error()"
                (older)="activity.loadOlder()"
              />
              @if (session(); as view) {
                @if (planner() && s.status !== 'completed' && s.status !== 'terminated') {
                  <exam-join-code-panel
                    [class.first]="s.status === 'preparing'"
                    [session]="view"
                    [status]="s.status"
                    (changed)="session.set($event)"
                  />
                }
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
    /* Before launch the class is joining: the code comes first. */
    .stack > .first {
      order: -1;
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
  protected readonly activity = inject(TeacherActivity);
  private readonly api = inject(LiveSessionApiService);
  private readonly sessions = inject(ExamSessionsApiService);
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
  /** The plan is theirs to change: join by code, taking students off the lobby. */
  protected readonly planner = computed(() => mayChangePlan(this.standing()));
  /** The student the teacher asked to take off the lobby (asked first). */
  protected readonly removing = signal<RosterRow | null>(null);
  protected readonly removeBusy = signal(false);
  protected readonly removeError = signal<string | null>(null);

  protected readonly questionNumbers = signal<Record<string, number>>({});
  /** The student whose timeline is open (user id), if any. */
  protected readonly timelineFor = signal<string | null>(null);
  protected readonly timelineRow = computed(() => {
    const id = this.timelineFor();
    return id ? (this.live.state()?.roster.find((r) => r.studentId === id) ?? null) : null;
  });
  protected readonly completedCount = computed(
    () => this.live.state()?.roster.filter((r) => r.status === 'completed').length ?? 0,
  );
  protected readonly students = computed(() =>
    (this.live.state()?.roster ?? []).map((r) => ({ id: r.studentId, name: r.displayName })),
  );

  /** The question asked before launching or ending, while its step is still possible. */
  private readonly question = signal<'launch' | 'complete' | null>(null);
  protected readonly asking = computed(() => {
    const q = this.question();
    const status = this.live.state()?.status;
    if (q === 'launch') return status === 'preparing' ? q : null;
    if (q === 'complete') return status === 'active' || status === 'paused' ? q : null;
    return null;
  });
  private readonly controls = viewChild(LiveControlsComponent);

  /** Everyone still working finishes their own time; nobody new starts. */
  protected readonly closing = computed(() => {
    const s = this.live.state();
    return !!s && s.closingAt !== null && (s.status === 'active' || s.status === 'paused');
  });
  protected readonly working = computed(() => {
    const s = this.live.state();
    return s ? stillWorking(s.roster, this.live.serverNow(), s.pausedAt) : [];
  });
  protected readonly notJoined = computed(() => neverJoined(this.live.state()?.roster ?? []));
  protected readonly lobby = computed(() => lobbyCounts(this.live.state()?.roster ?? []));
  /** Before launch: when it launches by itself (planned start with "launch by itself"). */
  protected readonly autoLaunchAt = computed(() => {
    const view = this.session();
    const live = this.live.state();
    if (!view?.config.autoLaunch || view.scheduledStartAt === null) return null;
    return (live?.status ?? view.status) === 'preparing' ? view.scheduledStartAt : null;
  });
  /** Names for the activity feed: the stored entries' people, then the roster's. */
  protected readonly names = computed(() => {
    const fromRoster = Object.fromEntries(
      (this.live.state()?.roster ?? []).map((r) => [r.studentId, r.displayName]),
    );
    return { ...fromRoster, ...this.activity.names() };
  });

  constructor() {
    confirmSignOutWhile(() => {
      const status = this.live.state()?.status;
      return status === 'active' || status === 'paused' ? TEACHER_SIGN_OUT_TEXT : null;
    });
  }

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
    if (name === 'launch' || name === 'complete') this.ask(name);
    else this.live.command(name);
  }

  protected ask(step: 'launch' | 'complete'): void {
    this.live.error.set(null);
    this.question.set(step);
  }

  protected closeQuestion(): void {
    this.question.set(null);
    this.live.error.set(null);
    setTimeout(() => this.controls()?.focusControls());
  }

  protected launch(): void {
    this.live.command('launch', undefined, () => this.question.set(null));
  }

  protected complete(mode: CompleteMode): void {
    this.live.complete(mode, () => this.question.set(null));
  }

  /** Takes the student off; the roster follows from the server's snapshot. */
  protected removeStudent(studentId: string): void {
    this.removeBusy.set(true);
    this.removeError.set(null);
    this.sessions.removeStudent(this.id(), studentId).subscribe({
      next: () => {
        this.removeBusy.set(false);
        this.removing.set(null);
        this.live.notice.set('Taken off the exam.');
      },
      error: (e: unknown) => {
        this.removeBusy.set(false);
        this.removeError.set(toApiError(e).message);
      },
    });
  }

  protected onBroadcast(e: {
    message: string;
    level: BroadcastLevel;
    studentIds?: string[];
  }): void {
    this.live.broadcast(e.message, e.level, e.studentIds);
  }
}
