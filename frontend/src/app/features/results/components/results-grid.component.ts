/**
 * The results grid: one row per student (name, score, percent, result, time taken, how it
 * ended) and one cell per question, coloured by state AND marked with a symbol and the
 * points, each with a spoken label. Headers are sort buttons with aria-sort; the sorting is
 * done by the server, so the grid only asks for it (sortChange). Question headers link to the
 * question's page. The table scrolls inside its wrapper with the student column sticky.
 */
import { PlainTextPipe } from '../../../shared/rich-text/rich-text';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { AttemptResultRow, ResultsQuestionColumn, SessionResultsView } from '@exam/contracts';
import {
  END_REASON_LABELS,
  STATE_LABELS,
  durationText,
  formatPoints,
} from '../data-access/result-labels';
import {
  STATE_ORDER,
  STATE_SYMBOLS,
  cellLabel,
  cellText,
  percentText,
  pointsOf,
  pointsWord,
  resultBadge,
  type BadgeTone,
} from './results-format';

export type SortOrder = 'asc' | 'desc';

/** What the grid asks the page for: a column (for aria-sort) and the server's sort key. */
export interface GridSort {
  column: string;
  sort: string;
  order: SortOrder;
}

interface FixedColumn {
  column: string;
  label: string;
  sort: string;
  /** Direction of the first click (numbers: biggest first). */
  first: SortOrder;
}

const FIXED: readonly FixedColumn[] = [
  { column: 'score', label: 'Score', sort: 'score', first: 'desc' },
  { column: 'percent', label: 'Percent', sort: 'score', first: 'desc' },
  { column: 'result', label: 'Result', sort: 'result', first: 'asc' },
  { column: 'timeTaken', label: 'Time taken', sort: 'timeTaken', first: 'desc' },
  { column: 'endReason', label: 'How it ended', sort: 'endReason', first: 'asc' },
];

interface ViewCell {
  questionId: string;
  state: string;
  text: string;
  label: string;
}

interface ViewRow {
  row: AttemptResultRow;
  points: string;
  percent: string;
  badge: { label: string; tone: BadgeTone };
  time: string;
  ended: string;
  cells: ViewCell[];
}

@Component({
  selector: 'exam-results-grid',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, PlainTextPipe],
  template: `
    <div class="table-wrap" tabindex="0" role="region" aria-labelledby="grid-caption">
      <table class="grid" data-testid="results-grid">
        <caption id="grid-caption" class="visually-hidden">
          Results per student and question. Column headers sort the table.
        </caption>
        <thead>
          <tr>
            <th scope="col" class="name" [attr.aria-sort]="ariaSort('name')">
              <button type="button" class="sort" (click)="sortBy('name', 'name', 'asc')">
                Student<span aria-hidden="true">{{ arrow('name') }}</span>
              </button>
            </th>
            @for (c of fixed; track c.column) {
              <th scope="col" [attr.aria-sort]="ariaSort(c.column)">
                <button type="button" class="sort" (click)="sortBy(c.column, c.sort, c.first)">
                  {{ c.label }}<span aria-hidden="true">{{ arrow(c.column) }}</span>
                </button>
              </th>
            }
            @for (q of view().questions; track q.id) {
              <th scope="col" class="q" [attr.aria-sort]="ariaSort('q:' + q.id)">
                <a
                  class="q-link"
                  [routerLink]="[
                    '/teacher/sessions',
                    view().sessionId,
                    'results',
                    'questions',
                    q.id,
                  ]"
                  [title]="q.prompt | plainText: q.format"
                  >Q{{ q.position }}</a
                >
                <span class="pts">{{ formatPoints(q.points) }} pt</span>
                @if (q.adjustment !== 'none') {
                  <span class="adj" [title]="adjustmentTitle(q)">{{
                    q.adjustment === 'dropped' ? 'not counted' : 'full marks'
                  }}</span>
                }
                <button
                  type="button"
                  class="sort q-sort"
                  [attr.aria-label]="'Sort by question ' + q.position"
                  (click)="sortBy('q:' + q.id, 'q:' + q.id, 'desc')"
                >
                  <span aria-hidden="true">{{ arrow('q:' + q.id) || ' ⇅' }}</span>
                </button>
              </th>
            }
          </tr>
        </thead>
        <tbody>
          @for (v of rows(); track v.row.studentSessionId) {
            <tr>
              <th scope="row" class="name">
                <a
                  [routerLink]="[
                    '/teacher/sessions',
                    view().sessionId,
                    'results',
                    'students',
                    v.row.studentSessionId,
                  ]"
                  >{{ v.row.studentName }}</a
                >
                <span class="visually-hidden">, </span>
                <span class="email">{{ v.row.studentEmail }}</span>
              </th>
              <td class="num">{{ v.points || '–' }}</td>
              <td class="num">{{ v.percent }}</td>
              <td>
                <span [class]="'badge badge-' + v.badge.tone">{{ v.badge.label }}</span>
              </td>
              <td class="num">{{ v.time }}</td>
              <td>{{ v.ended }}</td>
              @for (c of v.cells; track c.questionId) {
                <td class="q cell" [attr.data-state]="c.state" [title]="c.label">
                  <span aria-hidden="true">{{ c.text }}</span>
                  <span class="visually-hidden">{{ c.label }}</span>
                </td>
              }
            </tr>
          } @empty {
            <tr>
              <td class="none" [attr.colspan]="6 + view().questions.length">
                No student matches these filters.
              </td>
            </tr>
          }
        </tbody>
      </table>
    </div>
    <ul class="legend" aria-label="What the question cells show">
      @for (s of states; track s) {
        <li>
          <span class="swatch" [attr.data-state]="s" aria-hidden="true">{{ symbols[s] }}</span>
          {{ stateLabels[s] }}
        </li>
      }
    </ul>
  `,
  styleUrls: ['./results-states.css', './results-grid.component.css'],
})
export class ResultsGridComponent {
  readonly view = input.required<SessionResultsView>();
  /** The column the grid is sorted by ('name', 'score', ... or 'q:<questionId>'). */
  readonly column = input('name');
  readonly order = input<SortOrder>('asc');
  readonly sortChange = output<GridSort>();

  protected readonly fixed = FIXED;
  protected readonly states = STATE_ORDER;
  protected readonly symbols = STATE_SYMBOLS;
  protected readonly stateLabels = STATE_LABELS;
  protected readonly formatPoints = formatPoints;

  protected readonly rows = computed<ViewRow[]>(() => {
    const v = this.view();
    const positions = new Map(v.questions.map((q) => [q.id, q.position]));
    return v.items.map((row) => {
      const absent = row.endReason === 'absent';
      return {
        row,
        points: absent ? '' : pointsOf(row.score),
        percent: row.score && !absent ? percentText(row.score.percent) : '–',
        badge: resultBadge(row),
        time: absent || !row.joinedAt ? '–' : durationText(row.timeTakenMs),
        ended: row.endReason ? END_REASON_LABELS[row.endReason] : 'Not finished',
        cells: row.cells.map((c) => ({
          questionId: c.questionId,
          state: c.state,
          text: cellText(c),
          label: cellLabel(positions.get(c.questionId) ?? 0, c),
        })),
      };
    });
  });

  protected sortBy(column: string, sort: string, first: SortOrder): void {
    const order: SortOrder =
      this.column() === column ? (this.order() === 'asc' ? 'desc' : 'asc') : first;
    this.sortChange.emit({ column, sort, order });
  }

  protected ariaSort(column: string): string {
    if (this.column() !== column) return 'none';
    return this.order() === 'asc' ? 'ascending' : 'descending';
  }

  protected arrow(column: string): string {
    if (this.column() !== column) return '';
    return this.order() === 'asc' ? ' ▲' : ' ▼';
  }

  protected adjustmentTitle(q: ResultsQuestionColumn): string {
    return q.adjustment === 'dropped'
      ? `Not counted: its ${pointsWord(q.points)} left the total`
      : 'Everyone gets full marks for this question';
  }
}
