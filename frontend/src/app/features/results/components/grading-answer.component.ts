/**
 * What a grader reads for one answer: the question, the author's notes for graders, the
 * student's answer (essays keep their line breaks, at a readable width), what the rules gave
 * and the current grade with who gave it and when.
 */
import { RichTextComponent } from '../../../shared/rich-text/rich-text';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { GradingQueueItem } from '@exam/contracts';
import { ZonedDatePipe } from '../../../core/time/zoned-date.pipe';
import { TYPE_LABELS, formatPoints } from '../data-access/result-labels';

@Component({
  selector: 'exam-grading-answer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ZonedDatePipe, RichTextComponent],
  template: `
    @let it = item();
    <exam-rich-text
      class="prompt"
      data-testid="grading-prompt"
      [text]="it.prompt"
      [format]="it.format"
    />
    @if (it.gradingNotes) {
      <div class="notes">
        <p class="label">Notes for graders</p>
        <p class="pre">{{ it.gradingNotes }}</p>
      </div>
    }
    <h3 class="label">{{ who() }}’s answer</h3>
    @if (it.answerText) {
      <div class="answer pre" data-testid="grading-answer">{{ it.answerText }}</div>
    } @else {
      <p class="answer muted" data-testid="grading-answer">No answer given.</p>
    }
    @if (notes().length) {
      <p class="sub">{{ notes().join(' · ') }}</p>
    }
    @if (it.correctText) {
      <p class="sub"><span class="strong">Correct answer:</span> {{ it.correctText }}</p>
    }
    @if (it.autoPoints !== null) {
      <p class="sub" data-testid="auto-points">
        <span class="strong">The rules gave</span> {{ fmt(it.autoPoints) }} /
        {{ fmt(it.maxPoints) }} points.
      </p>
    }
    @if (it.graded) {
      <p class="graded" data-testid="current-grade">
        <span aria-hidden="true">✓</span> Graded {{ fmt(it.points) }} / {{ fmt(it.maxPoints) }}
        @if (it.gradedBy) {
          by {{ it.gradedBy }}
        }
        @if (it.gradedAt) {
          on {{ it.gradedAt | zonedDate: 'd MMM, HH:mm' }}
        }
        @if (it.comment) {
          <span class="sub">Comment to the student: “{{ it.comment }}”</span>
        }
      </p>
    }
  `,
  styles: `
    .prompt {
      font-size: 1.1rem;
      font-weight: 600;
      max-inline-size: 70ch;
    }
    .label {
      font-size: 0.9rem;
      font-weight: 600;
      color: var(--text-muted);
      margin: 0 0 0.25rem;
    }
    .pre {
      white-space: pre-wrap;
    }
    .notes {
      border-inline-start: 4px solid var(--primary);
      background: var(--primary-soft);
      padding: 0.5rem 0.75rem;
      border-radius: var(--radius);
      margin-block-end: 1rem;
      max-inline-size: 70ch;
    }
    .notes p:last-child {
      margin: 0;
    }
    .answer {
      max-inline-size: 70ch;
      padding: 0.75rem 1rem;
      border: 1px solid var(--border);
      border-radius: var(--radius);
      background: #fbfbfc;
      font-size: 1.05rem;
      line-height: 1.6;
      margin-block-end: 0.5rem;
    }
    .sub {
      display: block;
      color: var(--text-muted);
      font-size: 0.875rem;
      margin: 0 0 0.35rem;
    }
    .strong {
      font-weight: 600;
    }
    .graded {
      margin-block: 0.75rem 0;
      color: var(--success);
      font-weight: 600;
    }
  `,
})
export class GradingAnswerComponent {
  readonly item = input.required<GradingQueueItem>();
  /** The student's name, or "Student 3" while names are hidden. */
  readonly who = input.required<string>();
  protected readonly fmt = formatPoints;
  protected readonly types = TYPE_LABELS;
  /** What the rules noted (word count...), without the obvious "needs manual grading". */
  protected readonly notes = computed(() =>
    this.item().details.filter((d) => !/manual grading/i.test(d)),
  );
}
