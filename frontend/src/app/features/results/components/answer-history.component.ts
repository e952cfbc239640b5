/**
 * A question's history on the attempt page, folded away by default: every stored answer write
 * (time, final or draft, the answer in words) and every grade a teacher gave (points,
 * comment, who, when).
 */
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type {
  AnswerHistoryEntry,
  AnswerValue,
  ChoiceOption,
  ManualGradeEntry,
  SessionQuestion,
} from '@exam/contracts';
import { ZonedDatePipe } from '../../../core/time/zoned-date.pipe';
import { pointsWord } from './results-format';

function textOf(options: readonly ChoiceOption[], id: string): string {
  return options.find((o) => o.id === id)?.text ?? id;
}

/** The answer in words, using the question's options where it has them. */
export function answerInWords(q: SessionQuestion, answer: AnswerValue | null): string {
  if (answer === null || answer === undefined) return 'No answer';
  const a = answer as Partial<Record<string, unknown>>;
  switch (q.type) {
    case 'single_choice':
      return typeof a['optionId'] === 'string' ? textOf(q.options, a['optionId']) : raw(answer);
    case 'true_false':
      return typeof a['value'] === 'boolean' ? (a['value'] ? 'True' : 'False') : raw(answer);
    case 'multiple_response': {
      const ids = a['optionIds'];
      if (!Array.isArray(ids)) return raw(answer);
      return ids.length
        ? ids.map((id) => textOf(q.options, String(id))).join('; ')
        : 'Nothing chosen';
    }
    case 'short_text':
    case 'essay':
      return typeof a['text'] === 'string' ? a['text'] || '(empty)' : raw(answer);
    case 'numeric':
      return typeof a['value'] === 'number'
        ? `${a['value']}${q.unit ? ` ${q.unit}` : ''}`
        : raw(answer);
    case 'ordering': {
      const order = a['order'];
      return Array.isArray(order)
        ? order.map((id) => textOf(q.items, String(id))).join(' > ')
        : raw(answer);
    }
    case 'matching': {
      const pairs = a['pairs'];
      if (typeof pairs !== 'object' || pairs === null) return raw(answer);
      const list = Object.entries(pairs as Record<string, string>).map(
        ([l, r]) => `${textOf(q.left, l)} = ${textOf(q.right, r)}`,
      );
      return list.length ? list.join('; ') : 'Nothing matched';
    }
    default:
      return raw(answer);
  }
}

/** Anything the question cannot explain, shown compactly. */
function raw(answer: unknown): string {
  return JSON.stringify(answer);
}

@Component({
  selector: 'exam-answer-history',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ZonedDatePipe],
  template: `
    <details class="history">
      <summary>
        History <span class="muted">({{ counts() }})</span>
      </summary>
      <h4>Answer saves</h4>
      @if (answerRows().length) {
        <ol class="entries">
          @for (e of answerRows(); track e.seq) {
            <li>
              <time class="when">{{ e.savedAt | zonedDate: 'd MMM, HH:mm:ss' }}</time>
              <span class="visually-hidden">, </span>
              <span class="badge" [class.final]="e.final">{{ e.final ? 'Final' : 'Draft' }}</span>
              <span class="visually-hidden">: </span>
              <span class="what">{{ e.words }}</span>
            </li>
          }
        </ol>
      } @else {
        <p class="muted">The student never saved an answer.</p>
      }
      <h4>Grades by a teacher</h4>
      @if (grades().length) {
        <ol class="entries">
          @for (g of grades(); track g.at) {
            <li>
              <time class="when">{{ g.at | zonedDate: 'd MMM, HH:mm:ss' }}</time>
              <span class="visually-hidden">, </span>
              <span class="strong">{{ points(g.points) }}</span>
              <span class="visually-hidden">, </span>
              <span>by {{ g.graderName }}</span>
              @if (g.comment) {
                <span class="visually-hidden">, comment: </span>
                <span class="what quote">{{ g.comment }}</span>
              }
            </li>
          }
        </ol>
      } @else {
        <p class="muted">No teacher has graded this answer.</p>
      }
    </details>
  `,
  styles: `
    .history {
      margin-block-start: 0.75rem;
      font-size: 0.9rem;
    }
    summary {
      cursor: pointer;
      font-weight: 600;
      color: var(--primary);
      min-block-size: 1.75rem;
    }
    h4 {
      margin: 0.75rem 0 0.35rem;
      font-size: 0.9rem;
    }
    .entries {
      margin: 0;
      padding: 0;
      list-style: none;
      display: grid;
      gap: 0.35rem;
    }
    .entries li {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.6rem;
      align-items: baseline;
    }
    .when {
      color: var(--text-muted);
      font-variant-numeric: tabular-nums;
    }
    .what {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      min-inline-size: 0;
    }
    .quote {
      flex-basis: 100%;
      padding-inline-start: 0.75rem;
      border-inline-start: 3px solid var(--border);
    }
    .final {
      background: var(--primary-soft);
      color: var(--primary-strong);
    }
    .strong {
      font-weight: 600;
    }
    p {
      margin: 0;
    }
  `,
})
export class AnswerHistoryComponent {
  readonly question = input.required<SessionQuestion>();
  readonly answers = input.required<readonly AnswerHistoryEntry[]>();
  readonly grades = input.required<readonly ManualGradeEntry[]>();

  protected readonly answerRows = computed(() =>
    this.answers().map((e) => ({
      seq: e.seq,
      final: e.final,
      savedAt: e.savedAt,
      words: answerInWords(this.question(), e.answer),
    })),
  );

  protected readonly counts = computed(() => {
    const a = this.answers().length;
    const g = this.grades().length;
    const saves = a === 1 ? '1 save' : `${a} saves`;
    return g ? `${saves}, ${g === 1 ? '1 grade' : `${g} grades`}` : saves;
  });

  protected points(n: number): string {
    return pointsWord(n);
  }
}
