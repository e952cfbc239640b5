/**
 * /teacher/sessions/:id/live: the teacher's live dashboard. Reads the session service's
 * signals and renders the header, controls, grid and activity feed.
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
import type { BroadcastLevel } from '@exam/contracts';
import {
  LiveSessionApiService,
  type SessionCommandName,
} from '../../../core/api/live-session-api.service';
import { LiveActivityFeedComponent } from '../components/live-activity-feed.component';
import { LiveControlsComponent } from '../components/live-controls.component';
import { LiveHeaderComponent } from '../components/live-header.component';
import { LiveRosterGridComponent } from '../components/live-roster-grid.component';
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
  ],
  template: `
    <p class="back"><a routerLink="/teacher/sessions">← All sessions</a></p>
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
        [sessionId]="s.sessionId"
      />
      <div class="layout">
        <div class="main-col">
          <exam-live-roster-grid
            [rows]="s.roster"
            [serverNow]="live.serverNow()"
            [status]="s.status"
            [questionNumbers]="questionNumbers()"
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
          <exam-live-activity-feed [items]="live.feed()" />
        </div>
      </div>
    } @else if (!live.error()) {
      <p class="muted" role="status">Connecting to the live session…</p>
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
      next: (s) =>
        this.api.exam(s.examId).subscribe({
          next: (exam) => {
            const map: Record<string, number> = {};
            exam.questions.forEach((q, i) => (map[q.id] = i + 1));
            this.questionNumbers.set(map);
          },
          error: () => undefined,
        }),
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
