/**
 * One student's timeline during a live session: integrity signals beside answers,
 * connection changes and the attempt's end, in time order, so a teacher can tell "hidden
 * 4 s while offline" from "hidden 6 minutes during question 12". Loaded from the server and
 * again when the student's signal count changes. Context, never a verdict.
 */
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import type { StudentTimeline } from '@exam/contracts';
import { toApiError } from '../../../core/api/api-error';
import { LiveSessionApiService } from '../../../core/api/live-session-api.service';
import { StudentToolsDialogComponent } from '../../../shared/test-taker-tools/student-tools-dialog.component';
import { summaryText, timelineText } from '../data-access/signal-text';

@Component({
  selector: 'exam-student-timeline',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [StudentToolsDialogComponent],
  template: `
    <section class="card timeline" aria-labelledby="timeline-title" data-testid="timeline">
      <div class="head">
        <h2 id="timeline-title" tabindex="-1" #heading>Timeline: {{ name() }}</h2>
        <div class="actions">
          @if (toolsAllowed()) {
            <button type="button" class="btn btn-small" #toolsButton (click)="toolsOpen.set(true)">
              Reading tools<span class="visually-hidden"> for {{ name() }}</span>
            </button>
          }
          <button type="button" class="btn btn-small" (click)="reload()">Refresh</button>
          <button type="button" class="btn btn-small" (click)="closed.emit()">Close</button>
        </div>
      </div>
      <p class="muted">
        Activity signals beside answers and connection changes, oldest first. They are context for
        you: nothing is marked or scored automatically.
      </p>
      @if (error(); as e) {
        <p class="alert" role="alert">{{ e }}</p>
      } @else if (data(); as d) {
        <p data-testid="timeline-summary">
          @if (d.summary.count) {
            Signals: {{ summary(d) }}
          } @else {
            No signals recorded.
          }
        </p>
        <ol class="entries" data-testid="timeline-entries">
          @for (e of d.entries; track $index) {
            <li [attr.data-type]="e.type" [class.signal]="e.type === 'signal'">
              <time class="mono" [attr.datetime]="iso(e.at)">{{ clock(e.at) }}</time>
              <span>{{ line(e) }}</span>
            </li>
          } @empty {
            <li class="muted">Nothing yet.</li>
          }
        </ol>
      } @else {
        <p class="muted" role="status">Loading the timeline…</p>
      }
      @if (toolsOpen()) {
        <exam-student-tools-dialog [user]="student()" (closed)="toolsClosed()" />
      }
    </section>
  `,
  styles: `
    .timeline {
      margin-block-start: 1rem;
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem;
    }
    .head h2 {
      margin: 0;
    }
    .actions {
      display: flex;
      gap: 0.5rem;
    }
    .entries {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.25rem;
      max-block-size: 28rem;
      overflow-y: auto;
    }
    .entries li {
      display: flex;
      gap: 0.75rem;
      padding: 0.25rem 0.5rem;
      border-radius: 0.25rem;
    }
    .entries li.signal {
      background: var(--surface-muted);
    }
    time {
      flex: 0 0 auto;
    }
  `,
})
export class StudentTimelineComponent {
  private readonly api = inject(LiveSessionApiService);
  readonly sessionId = input.required<string>();
  readonly studentId = input.required<string>();
  readonly name = input('');
  /** Question id -> its number in the exam. */
  readonly questionNumbers = input<Readonly<Record<string, number>>>({});
  /** The student's signal count: a change loads the timeline again. */
  readonly version = input(0);
  readonly closed = output<void>();
  /** The user may set the student's reading tools (the session's teachers and admins). */
  readonly toolsAllowed = input(false);
  protected readonly toolsOpen = signal(false);
  protected readonly student = computed(() => ({ id: this.studentId(), displayName: this.name() }));
  private readonly toolsButton = viewChild<ElementRef<HTMLElement>>('toolsButton');

  protected readonly data = signal<StudentTimeline | null>(null);
  protected readonly error = signal<string | null>(null);
  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');

  constructor() {
    effect(() => {
      const [id, student] = [this.sessionId(), this.studentId()];
      this.version();
      untracked(() => this.load(id, student));
    });
    // The panel takes the focus when it opens, so keyboard users land in it.
    afterNextRender(() => this.heading()?.nativeElement.focus());
  }

  protected line(e: StudentTimeline['entries'][number]): string {
    return timelineText(e, this.questionNumbers());
  }

  protected summary(d: StudentTimeline): string {
    return summaryText(d.summary, this.questionNumbers());
  }

  protected clock(at: number): string {
    return new Date(at).toLocaleTimeString([], {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  }

  protected iso(at: number): string {
    return new Date(at).toISOString();
  }

  protected reload(): void {
    this.load(this.sessionId(), this.studentId());
  }

  private load(id: string, student: string): void {
    this.api.timeline(id, student).subscribe({
      next: (t) => {
        this.error.set(null);
        this.data.set(t);
      },
      error: (e: unknown) => this.error.set(toApiError(e).message),
    });
  }

  protected toolsClosed(): void {
    this.toolsOpen.set(false);
    setTimeout(() => this.toolsButton()?.nativeElement.focus());
  }
}
