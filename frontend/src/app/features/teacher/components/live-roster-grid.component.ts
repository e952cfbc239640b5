/**
 * The live grid: one row per enrolled student with connection, current question (Q1 from the
 * launch until they move), answered / total with a progress bar, time spent, their own working
 * time (accommodation and added time), where they are (in the lobby, working, handed in, time
 * ran out, ended by the teacher...), the score once graded (it follows attempt_graded; never
 * shown to invigilators) and flags; sortable columns (buttons in the headers, aria-sort) and a
 * filter. On narrow screens rows become cards.
 */
import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import type { AttemptResult, ConnectionStatus, ExamSessionStatus } from '@exam/contracts';
import { formatClock } from '../../../core/live/server-clock';
import { RESULT_LABELS, formatPoints } from '../../results/data-access/result-labels';
import {
  ROSTER_FILTERS,
  filterRoster,
  sortRoster,
  type RosterFilter,
  type RosterSortKey,
  type SortDir,
} from '../data-access/roster-view';
import {
  allowanceCell,
  attemptStatusLabel,
  questionLabel,
  type AllowanceCell,
} from '../data-access/roster-labels';
import { signalText } from '../data-access/signal-text';
import type { RosterRow } from '../data-access/teacher-live.state';

const CONNECTION_LABELS: Record<ConnectionStatus, string> = {
  connected: 'Connected',
  reconnecting: 'Reconnecting',
  disconnected: 'Disconnected',
  not_joined: 'Not joined',
};

const INACTIVE_MS = 3 * 60_000;

const RESULT_SYMBOLS: Record<AttemptResult, string> = { passed: '✓', failed: '✗', pending: '◷' };

/** A graded attempt's cell: "27 / 39 · 69.23 %" and the result in words. */
export interface ScoreCell {
  text: string;
  result: AttemptResult | 'absent';
  symbol: string;
  label: string;
}

export function scoreCell(row: Pick<RosterRow, 'score' | 'endReason'>): ScoreCell | null {
  const s = row.score;
  if (row.endReason === 'absent' || (s && s.result === null)) {
    return { text: '', result: 'absent', symbol: '–', label: 'Did not take part' };
  }
  if (!s || s.result === null) return null;
  return {
    text: `${formatPoints(s.score)} / ${formatPoints(s.maxScore)} · ${formatPoints(s.percent)} %`,
    result: s.result,
    symbol: RESULT_SYMBOLS[s.result],
    label: RESULT_LABELS[s.result],
  };
}

interface ViewRow {
  row: RosterRow;
  score: ScoreCell | null;
  connection: string;
  question: string;
  timeSpent: string;
  allowance: AllowanceCell;
  status: string;
  flags: string[];
  signalsLatest: string;
}

@Component({
  selector: 'exam-live-roster-grid',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card grid" aria-labelledby="grid-title">
      <div class="grid-head">
        <h2 id="grid-title">Students</h2>
        <div class="filters">
          <div class="field">
            <label for="roster-filter">Show</label>
            <select
              id="roster-filter"
              class="select"
              [value]="filter()"
              (change)="filter.set($any($event.target).value)"
            >
              @for (f of filters; track f.value) {
                <option [value]="f.value">{{ f.label }}</option>
              }
            </select>
          </div>
          <div class="field">
            <label for="roster-search">Find a student</label>
            <input
              id="roster-search"
              class="input"
              type="search"
              [value]="search()"
              (input)="search.set($any($event.target).value)"
            />
          </div>
        </div>
      </div>
      <p class="visually-hidden" aria-live="polite">
        {{ shown().length }} of
        {rows().length, plural, =1 {1 student} other {{{ rows().length }} students}} shown
      </p>
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="grid-title">
        <table class="table roster" data-testid="roster">
          <caption class="visually-hidden">
            Students of this session, live
          </caption>
          <thead>
            <tr>
              @for (c of columns(); track c.key) {
                <th scope="col" [attr.aria-sort]="ariaSort(c.key)">
                  @if (c.sort) {
                    <button type="button" class="sort" (click)="sortBy(c.sort)">
                      {{ c.label }}<span aria-hidden="true">{{ arrow(c.key) }}</span>
                    </button>
                  } @else {
                    {{ c.label }}
                  }
                </th>
              }
            </tr>
          </thead>
          <tbody>
            @for (v of shown(); track v.row.studentId) {
              <tr [attr.data-student]="v.row.displayName">
                <td data-label="Student" class="name">{{ v.row.displayName }}</td>
                <td data-label="Connection">
                  <span
                    class="conn"
                    [attr.data-conn]="v.row.connectionStatus"
                    data-testid="row-connection"
                    >{{ v.connection }}</span
                  >
                </td>
                <td data-label="Question">{{ v.question }}</td>
                <td data-label="Answered">
                  <div class="answered">
                    <span data-testid="row-answered">{{ v.row.answered }} / {{ v.row.total }}</span>
                    <progress
                      max="100"
                      [value]="v.row.progress"
                      [attr.aria-label]="v.row.displayName + ' progress'"
                    >
                      {{ v.row.progress }}%
                    </progress>
                  </div>
                </td>
                <td data-label="Time spent" class="mono">{{ v.timeSpent }}</td>
                <td data-label="Working time" data-testid="row-extra">
                  <span class="allowance" [title]="v.allowance.spoken"
                    ><span class="nowrap">{{ v.allowance.total }}</span
                    >&ngsp;
                    @if (v.allowance.extras.length) {
                      <span class="extras">({{ v.allowance.extras.join(', ') }})</span>
                    }
                  </span>
                </td>
                <td data-label="Status" data-testid="row-status">
                  <span class="status" [attr.data-status]="v.row.status">{{ v.status }}</span>
                </td>
                @if (showScores()) {
                  <td data-label="Score" data-testid="row-score">
                    @if (v.score; as sc) {
                      <div>
                        @if (sc.text) {
                          <span class="score">{{ sc.text }}</span>
                        }
                        <span class="result" [attr.data-result]="sc.result"
                          ><span aria-hidden="true">{{ sc.symbol }}</span> {{ sc.label }}</span
                        >
                      </div>
                    } @else {
                      <span class="muted">–</span>
                    }
                  </td>
                }
                <td data-label="Signals" data-testid="row-signals">
                  <button
                    type="button"
                    class="btn btn-small signals"
                    [class.has]="v.row.signals.count > 0"
                    (click)="timeline.emit(v.row.studentId)"
                  >
                    <span class="visually-hidden">{{ v.row.displayName }}: </span>
                    @if (v.row.signals.count) {
                      <span class="count" data-testid="signal-count">{{
                        v.row.signals.count
                      }}</span>
                      <span class="visually-hidden">
                        {v.row.signals.count, plural, =1 {signal} other {signals}}, latest:
                      </span>
                      <span class="latest">{{ v.signalsLatest }}</span>
                      <span class="visually-hidden">. Open the timeline</span>
                    } @else {
                      <span class="visually-hidden">no signals. Open the </span>Timeline
                    }
                  </button>
                </td>
                <td data-label="Flags">
                  @for (f of v.flags; track f) {
                    <span class="badge flag">{{ f }}</span>
                  } @empty {
                    <span class="muted">–</span>
                  }
                </td>
                @if (removable()) {
                  <td data-label="Lobby">
                    <button
                      type="button"
                      class="btn btn-small"
                      data-testid="row-remove"
                      (click)="remove.emit(v.row)"
                    >
                      Remove<span class="visually-hidden"> {{ v.row.displayName }}</span>
                    </button>
                  </td>
                }
              </tr>
            } @empty {
              <tr>
                <td [attr.colspan]="columns().length" class="muted">
                  {{
                    rows().length
                      ? 'No student matches this filter.'
                      : 'No students yet: students who join appear here.'
                  }}
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    </section>
  `,
  styleUrl: './live-roster-grid.component.css',
})
export class LiveRosterGridComponent {
  readonly rows = input.required<readonly RosterRow[]>();
  readonly serverNow = input.required<number>();
  readonly status = input.required<ExamSessionStatus>();
  /** Question id -> its number in the exam. */
  readonly questionNumbers = input<Readonly<Record<string, number>>>({});
  /** Scores are results: invigilators run the exam without them. */
  readonly showScores = input(true);
  /** Time added for everyone (each row's own added time is on the row). */
  readonly sessionExtraMs = input(0);
  /** A student's timeline is asked for (their user id). */
  readonly timeline = output<string>();
  /** Before launch, staff who plan the session may take a student off it. */
  readonly removable = input(false);
  readonly remove = output<RosterRow>();

  protected readonly filters = ROSTER_FILTERS;
  protected readonly filter = signal<RosterFilter>('all');
  protected readonly search = signal('');
  protected readonly sortKey = signal<RosterSortKey>('name');
  protected readonly sortDir = signal<SortDir>('asc');

  private readonly allColumns: ReadonlyArray<{ key: string; label: string; sort?: RosterSortKey }> =
    [
      { key: 'name', label: 'Student', sort: 'name' },
      { key: 'connection', label: 'Connection', sort: 'connection' },
      { key: 'question', label: 'Question' },
      { key: 'progress', label: 'Answered', sort: 'progress' },
      { key: 'timeSpent', label: 'Time spent', sort: 'timeSpent' },
      { key: 'extra', label: 'Working time' },
      { key: 'status', label: 'Status', sort: 'status' },
      { key: 'score', label: 'Score', sort: 'score' },
      { key: 'signals', label: 'Signals' },
      { key: 'flags', label: 'Flags' },
    ];
  protected readonly columns = computed(() => {
    const cols = this.showScores()
      ? this.allColumns
      : this.allColumns.filter((c) => c.key !== 'score');
    return this.removable() ? [...cols, { key: 'remove', label: 'Lobby' }] : cols;
  });

  protected readonly shown = computed<ViewRow[]>(() => {
    const rows = sortRoster(
      filterRoster(this.rows(), this.filter(), this.search()),
      this.sortKey(),
      this.sortDir(),
    );
    const now = this.serverNow();
    const running = this.status() === 'active';
    const numbers = this.questionNumbers();
    const session = this.status();
    const sessionExtra = this.sessionExtraMs();
    return rows.map((row) => {
      const counting =
        running &&
        row.joinedAt !== null &&
        row.status !== 'completed' &&
        row.connectionStatus === 'connected';
      const spent = row.timeSpentMs + (counting ? Math.max(0, now - row.syncedAt) : 0);
      const flags: string[] = [];
      if (
        running &&
        row.status !== 'completed' &&
        row.lastActivityAt !== null &&
        now - row.lastActivityAt > INACTIVE_MS
      ) {
        flags.push('Inactive');
      }
      if (
        running &&
        row.joinedAt !== null &&
        row.connectionStatus === 'disconnected' &&
        row.status !== 'completed'
      ) {
        flags.push('Offline');
      }
      return {
        row,
        score: scoreCell(row),
        connection: CONNECTION_LABELS[row.connectionStatus],
        question: questionLabel(row, session, numbers),
        timeSpent: formatClock(spent),
        allowance: allowanceCell(row, sessionExtra),
        status: attemptStatusLabel(row, session),
        flags,
        signalsLatest: row.signals.latest ? signalText(row.signals.latest, numbers) : '',
      };
    });
  });

  protected sortBy(key: RosterSortKey): void {
    if (this.sortKey() === key) this.sortDir.update((d) => (d === 'asc' ? 'desc' : 'asc'));
    else {
      this.sortKey.set(key);
      this.sortDir.set('asc');
    }
  }

  protected ariaSort(col: string): string | null {
    if (this.sortKey() !== col)
      return this.columns().find((c) => c.key === col)?.sort ? 'none' : null;
    return this.sortDir() === 'asc' ? 'ascending' : 'descending';
  }

  protected arrow(col: string): string {
    if (this.sortKey() !== col) return '';
    return this.sortDir() === 'asc' ? ' ▲' : ' ▼';
  }
}
