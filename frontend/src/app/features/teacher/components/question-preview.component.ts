/**
 * The exam as a student sees it: only `StudentQuestionView`s come in, so no key, weight,
 * accepted answer, tolerance or grading note can be shown. The controls work (try the
 * question) but nothing is saved. Ordering uses buttons, as on the student page.
 */
import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';
import type { ChoiceOption, StudentExamText, StudentQuestionView } from '@exam/contracts';
import { moveItem } from '../data-access/question-drafts';
import { PlainTextPipe, RichTextComponent } from '../../../shared/rich-text/rich-text';

@Component({
  selector: 'exam-question-preview',
  imports: [RichTextComponent, PlainTextPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ol class="questions">
      @for (q of questions(); track q.id; let n = $index) {
        <li class="card q" [attr.aria-labelledby]="q.id + '-p'">
          @for (t of textsBefore(q.id); track t.id) {
            <exam-rich-text class="exam-text" [text]="t.text" [format]="t.format" />
          }
          <p class="meta">
            Question {{ n + 1 }} of {{ questions().length }} ·
            {q.points, plural, =1 {1 point} other {{{ q.points }} points}}
          </p>
          @if (q.prompt) {
            <exam-rich-text
              class="prompt"
              [id]="q.id + '-p'"
              [text]="q.prompt"
              [format]="q.format"
            />
          } @else {
            <p class="prompt" [id]="q.id + '-p'">(no question text yet)</p>
          }
          @switch (q.type) {
            @case ('single_choice') {
              <div role="radiogroup" [attr.aria-labelledby]="q.id + '-p'" class="stack">
                @for (o of q.options; track o.id) {
                  <label class="choice"
                    ><input type="radio" [name]="q.id" />
                    <exam-rich-text [text]="o.text" [format]="q.format" inline
                  /></label>
                }
              </div>
            }
            @case ('true_false') {
              <div role="radiogroup" [attr.aria-labelledby]="q.id + '-p'" class="choices">
                <label class="choice"><input type="radio" [name]="q.id" /> True</label>
                <label class="choice"><input type="radio" [name]="q.id" /> False</label>
              </div>
            }
            @case ('multiple_response') {
              <div role="group" [attr.aria-labelledby]="q.id + '-p'" class="stack">
                <p class="hint">Choose all that apply.</p>
                @for (o of q.options; track o.id) {
                  <label class="choice"
                    ><input type="checkbox" />
                    <exam-rich-text [text]="o.text" [format]="q.format" inline
                  /></label>
                }
              </div>
            }
            @case ('short_text') {
              <label class="visually-hidden" [for]="q.id + '-a'">Your answer</label>
              <input class="input" [id]="q.id + '-a'" [attr.maxlength]="q.maxLength ?? null" />
            }
            @case ('numeric') {
              <div class="numeric">
                <label class="visually-hidden" [for]="q.id + '-a'">Your answer</label>
                <input class="input narrow" type="number" step="any" [id]="q.id + '-a'" />
                @if (q.unit) {
                  <span>{{ q.unit }}</span>
                }
              </div>
            }
            @case ('essay') {
              <label class="visually-hidden" [for]="q.id + '-a'">Your answer</label>
              <textarea class="input" rows="5" [id]="q.id + '-a'"></textarea>
              @if (q.maxWords) {
                <p class="hint">Up to {{ q.maxWords }} words.</p>
              }
            }
            @case ('ordering') {
              <p class="hint">Put the items in order with the buttons.</p>
              <ol class="order">
                @for (
                  o of order(q.id, q.items);
                  track o.id;
                  let i = $index, f = $first, l = $last
                ) {
                  <li>
                    <exam-rich-text class="grow" [text]="o.text" [format]="q.format" inline />
                    <button
                      type="button"
                      class="btn btn-small"
                      [disabled]="f"
                      [attr.aria-label]="'Move ' + (o.text | plainText: q.format) + ' up'"
                      (click)="shift(q.id, q.items, i, -1)"
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      class="btn btn-small"
                      [disabled]="l"
                      [attr.aria-label]="'Move ' + (o.text | plainText: q.format) + ' down'"
                      (click)="shift(q.id, q.items, i, 1)"
                    >
                      ↓
                    </button>
                  </li>
                }
              </ol>
            }
            @case ('matching') {
              <div class="stack">
                @for (l of q.left; track l.id) {
                  <div class="pair">
                    <label [for]="q.id + '-' + l.id"
                      ><exam-rich-text [text]="l.text" [format]="q.format" inline
                    /></label>
                    <select class="select" [id]="q.id + '-' + l.id">
                      <option value="">Choose…</option>
                      @for (r of q.right; track r.id) {
                        <option [value]="r.id">{{ r.text | plainText: q.format }}</option>
                      }
                    </select>
                  </div>
                }
              </div>
            }
          }
        </li>
      } @empty {
        <li class="card muted">No questions yet.</li>
      }
    </ol>
    @for (t of textsAfter(); track t.id) {
      <div class="card exam-text end">
        <exam-rich-text [text]="t.text" [format]="t.format" />
      </div>
    }
  `,
  styles: `
    .questions {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 1rem;
    }
    .exam-text {
      display: block;
      border-inline-start: 4px solid var(--primary-soft);
      padding-inline-start: 0.75rem;
      margin-block-end: 1rem;
    }
    .exam-text.end {
      margin-block: 1rem 0;
    }
    .meta {
      color: var(--text-muted);
      font-size: 0.875rem;
      margin-block-end: 0.25rem;
    }
    .prompt {
      font-size: 1.1rem;
      font-weight: 600;
      white-space: pre-line;
    }
    .stack {
      display: grid;
      gap: 0.25rem;
    }
    .numeric,
    .order li,
    .pair {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
    }
    .order {
      display: grid;
      gap: 0.5rem;
      padding-inline-start: 1.5rem;
    }
    .grow {
      flex: 1 1 8rem;
    }
    .pair label {
      flex: 1 1 10rem;
    }
    .pair .select {
      inline-size: auto;
      flex: 1 1 10rem;
    }
  `,
})
export class QuestionPreviewComponent {
  readonly questions = input.required<readonly StudentQuestionView[]>();
  /** Texts between questions, placed by the question they come before (null: at the end). */
  readonly texts = input<readonly StudentExamText[]>([]);

  private readonly orders = signal<Record<string, string[]>>({});

  protected textsBefore(qid: string): StudentExamText[] {
    return this.texts().filter((t) => t.beforeQuestionId === qid);
  }

  protected textsAfter(): StudentExamText[] {
    const ids = new Set(this.questions().map((q) => q.id));
    return this.texts().filter((t) => t.beforeQuestionId === null || !ids.has(t.beforeQuestionId));
  }

  protected order(qid: string, items: readonly ChoiceOption[]): ChoiceOption[] {
    const ids = this.orders()[qid];
    if (!ids || ids.length !== items.length) return [...items];
    const byId = new Map(items.map((o) => [o.id, o]));
    return ids.map((id) => byId.get(id)).filter((o): o is ChoiceOption => !!o);
  }

  protected shift(qid: string, items: readonly ChoiceOption[], i: number, delta: -1 | 1): void {
    const next = moveItem(this.order(qid, items), i, delta).map((o) => o.id);
    this.orders.update((all) => ({ ...all, [qid]: next }));
  }
}
