/**
 * The item analysis table: one row per question with facility, spread, guess score, weights,
 * discrimination and flags (each flag's sentence in full under the question, with a warning
 * sign). Sortable by
 * position, facility and discrimination; every column is explained under the table.
 */
import { PlainTextPipe } from '../../../shared/rich-text/rich-text';
import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { QuestionStatistics } from '@exam/contracts';
import { TYPE_LABELS } from '../data-access/result-labels';
import { COLUMN_HELP, FLAG_TITLES, num, pct } from './stats-labels';

export type StatsSortKey = 'position' | 'facility' | 'discrimination';

export function sortQuestions(
  qs: readonly QuestionStatistics[],
  key: StatsSortKey,
  order: 'asc' | 'desc',
): QuestionStatistics[] {
  const dir = order === 'asc' ? 1 : -1;
  // Missing values always last, whatever the direction.
  return [...qs].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === null && y === null) return a.position - b.position;
    if (x === null) return 1;
    if (y === null) return -1;
    return (x - y) * dir || a.position - b.position;
  });
}

@Component({
  selector: 'exam-stats-question-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, PlainTextPipe],
  template: `
    <div class="field phone-sort">
      <label for="stats-sort">Sort questions by</label>
      <select
        id="stats-sort"
        class="select"
        [value]="sortKey() + ':' + order()"
        (change)="setSort($any($event.target).value)"
      >
        <option value="position:asc">Exam order</option>
        <option value="facility:asc">Facility, hardest first</option>
        <option value="facility:desc">Facility, easiest first</option>
        <option value="discrimination:asc">Discrimination, lowest first</option>
        <option value="discrimination:desc">Discrimination, highest first</option>
      </select>
    </div>
    <div class="card flush wrap">
      <table class="table qtable" data-testid="question-table">
        <caption class="visually-hidden">
          Statistics per question, sorted by
          {{
            sortWords()
          }}
        </caption>
        <thead>
          <tr>
            <th scope="col" [attr.aria-sort]="ariaSort('position')">
              <button type="button" class="sort" (click)="sortBy('position')">
                # <span aria-hidden="true">{{ arrow('position') }}</span>
              </button>
            </th>
            <th scope="col">Question</th>
            <th scope="col" [title]="help.n">Students</th>
            <th scope="col" [attr.aria-sort]="ariaSort('facility')" [title]="help.facility">
              <button type="button" class="sort" (click)="sortBy('facility')">
                Facility <span aria-hidden="true">{{ arrow('facility') }}</span>
              </button>
            </th>
            <th scope="col" [title]="help.sd">SD</th>
            <th scope="col" [title]="help.guess">Guess score</th>
            <th scope="col" [title]="help.intended">Intended weight</th>
            <th scope="col" [title]="help.effective">Effective weight</th>
            <th
              scope="col"
              [attr.aria-sort]="ariaSort('discrimination')"
              [title]="help.discrimination"
            >
              <button type="button" class="sort" (click)="sortBy('discrimination')">
                Discrimination <span aria-hidden="true">{{ arrow('discrimination') }}</span>
              </button>
            </th>
            <th scope="col" [title]="help.efficiency">Efficiency</th>
          </tr>
        </thead>
        <tbody>
          @for (q of rows(); track q.questionId) {
            <tr [class.flagged]="q.flags.length > 0">
              <td data-label="#" class="strong pos">Q{{ q.position }}</td>
              <td data-label="Question" class="prompt">
                <a
                  class="clamp"
                  [title]="q.prompt"
                  [routerLink]="[
                    '/teacher/sessions',
                    sessionId(),
                    'results',
                    'questions',
                    q.questionId,
                  ]"
                  >{{ q.prompt | plainText: q.format }}</a
                >
                <span class="sub">{{ types[q.type] }} · {{ num(q.maxPoints) }} pt</span>
                @for (f of q.flags; track $index) {
                  <span class="flag">
                    <span aria-hidden="true">⚠ </span>
                    <span class="strong">{{ flagTitles[f.code] }}:</span> {{ f.message }}
                  </span>
                }
                @if (q.flags.length) {
                  <a
                    class="fix"
                    [routerLink]="['/teacher/sessions', sessionId(), 'regrade']"
                    [queryParams]="{ questionId: q.questionId }"
                    >Fix Q{{ q.position }} and regrade</a
                  >
                }
              </td>
              <td data-label="Students">{{ q.n }}</td>
              <td data-label="Facility">{{ pct(q.facility) }}</td>
              <td data-label="SD">{{ pct(q.sd) }}</td>
              <td data-label="Guess score">{{ pct(q.randomGuessScore) }}</td>
              <td data-label="Intended weight">{{ pct(q.intendedWeight) }}</td>
              <td data-label="Effective weight">{{ pct(q.effectiveWeight) }}</td>
              <td data-label="Discrimination">{{ num(q.discrimination, 1) }}</td>
              <td data-label="Efficiency">{{ pct(q.discriminativeEfficiency) }}</td>
            </tr>
          }
        </tbody>
      </table>
    </div>
    <details class="help">
      <summary>What the columns mean</summary>
      <dl>
        <dt>Students</dt>
        <dd>{{ help.n }}</dd>
        <dt>Facility</dt>
        <dd>{{ help.facility }}</dd>
        <dt>SD (standard deviation)</dt>
        <dd>{{ help.sd }}</dd>
        <dt>Guess score</dt>
        <dd>{{ help.guess }}</dd>
        <dt>Intended weight</dt>
        <dd>{{ help.intended }}</dd>
        <dt>Effective weight</dt>
        <dd>{{ help.effective }}</dd>
        <dt>Discrimination</dt>
        <dd>{{ help.discrimination }}</dd>
        <dt>Efficiency (discriminative efficiency)</dt>
        <dd>{{ help.efficiency }}</dd>
      </dl>
    </details>
  `,
  styles: `
    .wrap {
      padding: 0;
      overflow-x: auto;
    }
    .qtable th,
    .qtable td {
      font-size: 0.875rem;
      padding: 0.5rem;
    }
    .qtable th {
      text-transform: none;
      letter-spacing: 0;
      vertical-align: bottom;
    }
    .qtable td {
      white-space: nowrap;
    }
    .qtable td.prompt {
      white-space: normal;
      min-inline-size: 18rem;
    }
    .clamp {
      display: -webkit-box;
      -webkit-line-clamp: 2;
      -webkit-box-orient: vertical;
      overflow: hidden;
    }
    .sort {
      all: unset;
      cursor: pointer;
      text-transform: inherit;
    }
    .sort:focus-visible {
      outline: 3px solid var(--focus);
      outline-offset: 2px;
    }
    .fix {
      display: inline-block;
      margin-block-start: 0.35rem;
      font-weight: 600;
    }
    .flagged {
      background: #fff8eb;
    }
    .flag {
      display: block;
      margin: 0.35rem 0 0;
      padding-inline-start: 0.5rem;
      border-inline-start: 3px solid var(--warning);
      color: #7a2e0e;
    }
    .strong {
      font-weight: 600;
    }
    .phone-sort {
      display: none;
    }
    .sub {
      display: block;
      color: var(--text-muted);
      font-size: 0.8rem;
    }
    .help {
      margin-block: 0.75rem 1.5rem;
    }
    .help summary {
      cursor: pointer;
      font-weight: 600;
      color: var(--primary);
    }
    .help dt {
      font-weight: 600;
      margin-block-start: 0.5rem;
    }
    .help dd {
      margin: 0;
      color: var(--text-muted);
    }
    @media (max-width: 40rem) {
      .phone-sort {
        display: flex;
      }
      .table.qtable thead {
        display: none;
      }
      .table.qtable tr {
        display: grid;
        grid-template-columns: 1fr 1fr;
        column-gap: 0.75rem;
        padding: 0.5rem 0.25rem;
      }
      .table.qtable td {
        grid-template-columns: minmax(0, 1fr) auto;
        padding: 0.15rem 0.5rem;
        white-space: normal;
        overflow-wrap: normal;
      }
      .table.qtable td.pos,
      .table.qtable td.prompt {
        display: block;
        grid-column: 1 / -1;
        min-inline-size: 0;
      }
      .table.qtable td.pos::before,
      .table.qtable td.prompt::before {
        content: none;
      }
    }
  `,
})
export class StatsQuestionTableComponent {
  readonly sessionId = input.required<string>();
  readonly questions = input.required<QuestionStatistics[]>();
  protected readonly sortKey = signal<StatsSortKey>('position');
  protected readonly order = signal<'asc' | 'desc'>('asc');
  protected readonly help = COLUMN_HELP;
  protected readonly flagTitles = FLAG_TITLES;
  protected readonly types = TYPE_LABELS;
  protected readonly pct = pct;
  protected readonly num = num;

  protected readonly rows = computed(() =>
    sortQuestions(this.questions(), this.sortKey(), this.order()),
  );
  protected readonly sortWords = computed(() => {
    const k = this.sortKey();
    if (k === 'position') return this.order() === 'asc' ? 'exam order' : 'exam order, reversed';
    const dir = this.order() === 'asc' ? 'lowest first' : 'highest first';
    return `${k}, ${dir}`;
  });

  protected sortBy(key: StatsSortKey): void {
    if (this.sortKey() === key) {
      this.order.set(this.order() === 'asc' ? 'desc' : 'asc');
    } else {
      this.sortKey.set(key);
      // The interesting end first: hardest / least discriminating questions.
      this.order.set('asc');
    }
  }

  protected setSort(value: string): void {
    const [key, order] = value.split(':') as [StatsSortKey, 'asc' | 'desc'];
    this.sortKey.set(key);
    this.order.set(order);
  }

  protected ariaSort(key: StatsSortKey): 'ascending' | 'descending' | null {
    if (this.sortKey() !== key) return null;
    return this.order() === 'asc' ? 'ascending' : 'descending';
  }

  protected arrow(key: StatsSortKey): string {
    if (this.sortKey() !== key) return '↕';
    return this.order() === 'asc' ? '▲' : '▼';
  }
}
