/**
 * Grade one answer, or change the points the rules gave: points from 0 to the question's
 * maximum (2 decimals) and an optional comment to the student. Enter saves (Shift+Enter is a
 * new line in the comment). POSTs the grade and hands the server's answer to the page.
 */
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  output,
  signal,
} from '@angular/core';
import type { GradeResponse } from '@exam/contracts';
import { toApiError } from '../../../core/api/api-error';
import { formatPoints } from '../data-access/result-labels';
import { ResultsApiService } from '../data-access/results-api.service';

/** Parses "2,5" or "2.5"; null when it is not a number. */
export function parsePoints(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (!/^-?\d+(\.\d+)?$|^-?\.\d+$/.test(t)) return null;
  return Number(t);
}

@Component({
  selector: 'exam-grade-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (disabledReason(); as reason) {
      <p class="hint" data-testid="grade-disabled">{{ reason }}</p>
    } @else if (!open()) {
      <button type="button" class="btn btn-small" (click)="open.set(true)">
        Change the points<span class="visually-hidden"> of question {{ position() }}</span>
      </button>
    } @else {
      <form
        class="grade"
        (submit)="$event.preventDefault(); save()"
        [attr.aria-label]="formLabel()"
      >
        <div class="field pts">
          <label [for]="ids.points">Points (0 to {{ max() }})</label>
          <input
            class="input"
            inputmode="decimal"
            autocomplete="off"
            [id]="ids.points"
            [value]="pointsText()"
            [attr.aria-invalid]="pointsError() ? 'true' : null"
            [attr.aria-describedby]="pointsError() ? ids.error : null"
            (input)="pointsText.set($any($event.target).value); pointsError.set(null)"
          />
        </div>
        <div class="field comment">
          <label [for]="ids.comment">Comment to the student (optional)</label>
          <textarea
            class="input"
            rows="3"
            [id]="ids.comment"
            [value]="comment()"
            [attr.aria-describedby]="ids.hint"
            (input)="comment.set($any($event.target).value)"
            (keydown)="onKeydown($event)"
          ></textarea>
          <p class="hint" [id]="ids.hint">
            Shown to the student in a full review. Enter saves, Shift+Enter starts a new line.
          </p>
        </div>
        <div class="buttons">
          <button type="submit" class="btn btn-primary btn-small" [disabled]="busy()">
            {{ busy() ? 'Saving…' : graded() ? 'Save the points' : 'Grade' }}
          </button>
          @if (collapsible()) {
            <button type="button" class="btn btn-small btn-quiet" (click)="cancel()">Cancel</button>
          }
        </div>
        @if (pointsError(); as e) {
          <p class="field-error" [id]="ids.error">{{ e }}</p>
        }
        @if (error(); as e) {
          <p class="alert" role="alert">{{ e }}</p>
        }
      </form>
    }
  `,
  styles: `
    :host {
      display: block;
      margin-block-start: 0.75rem;
    }
    .grade {
      display: grid;
      grid-template-columns: minmax(0, 9rem) minmax(0, 1fr);
      gap: 0 1rem;
      align-items: start;
      padding: 0.75rem;
      border: 1px dashed var(--border-strong);
      border-radius: var(--radius);
    }
    .buttons,
    .field-error,
    .alert {
      grid-column: 1 / -1;
    }
    .buttons {
      display: flex;
      gap: 0.5rem;
    }
    .field {
      margin-block-end: 0.5rem;
    }
    textarea {
      resize: vertical;
    }
    .alert {
      margin: 0.5rem 0 0;
    }
    @media (max-width: 30rem) {
      .grade {
        grid-template-columns: minmax(0, 1fr);
      }
    }
  `,
})
export class GradeFormComponent {
  private readonly api = inject(ResultsApiService);
  private static next = 0;

  readonly sessionId = input.required<string>();
  readonly attemptId = input.required<string>();
  readonly questionId = input.required<string>();
  /** 1-based number of the question (for labels). */
  readonly position = input.required<number>();
  readonly max = input.required<number>();
  /** Current points (null while awaiting grading). */
  readonly points = input<number | null>(null);
  readonly currentComment = input<string | null>(null);
  /** Whether the answer waits for a teacher (then the form is open from the start). */
  readonly awaiting = input(false);
  /** Why grading is not possible now (the form is replaced by this sentence). */
  readonly disabledReason = input<string | null>(null);
  readonly graded = input(false);
  readonly saved = output<GradeResponse>();

  private readonly uid = GradeFormComponent.next++;
  protected readonly ids = {
    points: `grade-points-${this.uid}`,
    comment: `grade-comment-${this.uid}`,
    hint: `grade-hint-${this.uid}`,
    error: `grade-error-${this.uid}`,
  };

  protected readonly collapsible = computed(() => !this.awaiting());
  protected readonly open = linkedSignal(() => this.awaiting());
  protected readonly pointsText = linkedSignal(() => {
    const p = this.points();
    return p === null ? '' : formatPoints(p);
  });
  protected readonly comment = linkedSignal(() => this.currentComment() ?? '');
  protected readonly busy = signal(false);
  protected readonly pointsError = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly formLabel = computed(() => `Grade question ${this.position()}`);

  protected onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.save();
    }
  }

  protected cancel(): void {
    this.pointsText.set(this.points() === null ? '' : formatPoints(this.points()));
    this.comment.set(this.currentComment() ?? '');
    this.pointsError.set(null);
    this.error.set(null);
    this.open.set(false);
  }

  protected save(): void {
    if (this.busy()) return;
    const points = parsePoints(this.pointsText());
    const max = this.max();
    if (points === null) {
      this.pointsError.set(`Enter the points as a number from 0 to ${formatPoints(max)}.`);
      return;
    }
    if (points < 0 || points > max) {
      this.pointsError.set(`Give between 0 and ${formatPoints(max)} points.`);
      return;
    }
    if (/[.,]\d{3,}$/.test(this.pointsText().trim())) {
      this.pointsError.set('Use at most 2 decimals, e.g. 2.25.');
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    const comment = this.comment().trim();
    this.api
      .grade(this.sessionId(), {
        studentSessionId: this.attemptId(),
        questionId: this.questionId(),
        points,
        ...(comment ? { comment } : {}),
      })
      .subscribe({
        next: (res) => {
          this.busy.set(false);
          if (this.collapsible()) this.open.set(false);
          this.saved.emit(res);
        },
        error: (err: unknown) => {
          this.busy.set(false);
          this.error.set(toApiError(err).message);
        },
      });
  }
}
