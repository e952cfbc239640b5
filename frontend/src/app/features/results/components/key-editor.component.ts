/**
 * Edits the key of one question for a regrade, in the way its type needs: accept another
 * answer (short text), the correct option (single choice), true/false, which options are
 * correct (multiple response), the accepted number, the correct order (Up/Down) or the
 * correct matches. Emits the RegradeChange it builds, or null while nothing differs from the
 * current key (or the input is not valid yet).
 */
import {
  ChangeDetectionStrategy,
  Component,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  output,
  signal,
} from '@angular/core';
import type {
  AnswerGroup,
  NumericAccepted,
  QuestionDefinition,
  RegradeChange,
  SessionQuestion,
} from '@exam/contracts';
import { multipleResponseKey, numericText, withoutId } from './regrade-changes';
import { PlainTextPipe } from '../../../shared/rich-text/rich-text';

type Def<T extends QuestionDefinition['type']> = Extract<SessionQuestion, { type: T }>;

function parseNum(s: string): number | null {
  const t = s.trim().replace(',', '.');
  if (t === '' || !Number.isFinite(Number(t))) return null;
  return Number(t);
}

interface NumericDraft {
  range: boolean;
  value: string;
  tolerance: string;
  min: string;
  max: string;
}

const numericDraft = (a: NumericAccepted): NumericDraft => ({
  range: a.min !== undefined || a.max !== undefined,
  value: a.value === undefined ? '' : String(a.value),
  tolerance: a.tolerance === undefined ? '' : String(a.tolerance),
  min: a.min === undefined ? '' : String(a.min),
  max: a.max === undefined ? '' : String(a.max),
});

@Component({
  selector: 'exam-key-editor',
  imports: [PlainTextPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './key-editor.component.html',
  styleUrl: './key-editor.component.css',
})
export class KeyEditorComponent {
  readonly question = input.required<SessionQuestion>();
  /** What a fully correct answer is now, in words. */
  readonly correctText = input('');
  /** Short text: the answers students gave, most frequent first. */
  readonly groups = input<AnswerGroup[]>([]);
  /** Short text: an answer to accept, from a link. */
  readonly initialAccept = input<string | null>(null);
  readonly changed = output<RegradeChange | null>();

  private readonly injector = inject(Injector);
  protected readonly moved = signal('');

  protected readonly choice = linkedSignal(() => {
    const q = this.question();
    return q.type === 'single_choice' ? q.correctOptionId : '';
  });
  protected readonly truth = linkedSignal(() => {
    const q = this.question();
    return q.type === 'true_false' ? q.correct : true;
  });
  protected readonly correctIds = linkedSignal(() => {
    const q = this.question();
    return q.type === 'multiple_response'
      ? q.options.filter((o) => o.weight > 0).map((o) => o.id)
      : [];
  });
  protected readonly acceptText = linkedSignal(() => {
    this.question();
    return this.initialAccept() ?? '';
  });
  protected readonly credit = linkedSignal(() => {
    this.question();
    return '100';
  });
  protected readonly numeric = linkedSignal(() => {
    const q = this.question();
    return q.type === 'numeric' ? q.acceptedAnswers.map(numericDraft) : [];
  });
  protected readonly order = linkedSignal(() => {
    const q = this.question();
    return q.type === 'ordering' ? [...q.correctOrder] : [];
  });
  protected readonly pairs = linkedSignal(() => {
    const q = this.question();
    return q.type === 'matching' ? { ...q.correctPairs } : ({} as Record<string, string>);
  });

  /** Short text: answers given that do not get full credit yet. */
  protected readonly lowCredit = computed(() =>
    this.groups()
      .filter((g) => g.creditPercent < 100)
      .slice(0, 8),
  );
  protected readonly creditError = computed(() => {
    const c = parseNum(this.credit());
    return c === null || c < 1 || c > 100 ? 'Give a credit from 1 to 100 %.' : null;
  });
  protected readonly numericErrors = computed(() =>
    this.numeric().map((d) => {
      const bad = (s: string, optional = false) =>
        s.trim() === '' ? !optional : parseNum(s) === null;
      if (d.range) return bad(d.min) || bad(d.max) ? 'Enter both numbers.' : null;
      if (bad(d.value)) return 'Enter the number.';
      if (bad(d.tolerance, true) || (parseNum(d.tolerance) ?? 0) < 0)
        return 'The tolerance is a number of 0 or more.';
      return null;
    }),
  );

  /** The change the editor describes, or null. */
  readonly change = computed((): RegradeChange | null => {
    const q = this.question();
    const questionId = q.id;
    const update = (question: QuestionDefinition): RegradeChange => ({
      questionId,
      action: 'update_key',
      question,
    });
    switch (q.type) {
      case 'short_text': {
        const text = this.acceptText().trim();
        if (!text || this.creditError()) return null;
        const credit = parseNum(this.credit())!;
        return {
          questionId,
          action: 'accept_answer',
          text,
          ...(credit !== 100 ? { creditPercent: credit } : {}),
        };
      }
      case 'single_choice':
        return this.choice() && this.choice() !== q.correctOptionId
          ? update({ ...withoutId(q), correctOptionId: this.choice() } as QuestionDefinition)
          : null;
      case 'true_false':
        return this.truth() !== q.correct
          ? update({ ...withoutId(q), correct: this.truth() } as QuestionDefinition)
          : null;
      case 'multiple_response': {
        const ids = this.correctIds();
        const before = q.options.filter((o) => o.weight > 0).map((o) => o.id);
        if (!ids.length || (ids.length === before.length && ids.every((i) => before.includes(i))))
          return null;
        return update(multipleResponseKey(q, ids));
      }
      case 'numeric': {
        if (this.numericErrors().some((e) => e)) return null;
        const next = q.acceptedAnswers.map((a, i): NumericAccepted => {
          const d = this.numeric()[i];
          if (d.range) return { ...a, min: parseNum(d.min)!, max: parseNum(d.max)! };
          const tol = parseNum(d.tolerance);
          const out: NumericAccepted = { ...a, value: parseNum(d.value)! };
          if (tol === null) delete out.tolerance;
          else out.tolerance = tol;
          return out;
        });
        if (JSON.stringify(next) === JSON.stringify(q.acceptedAnswers)) return null;
        return update({ ...withoutId(q), acceptedAnswers: next } as QuestionDefinition);
      }
      case 'ordering':
        return this.order().join('|') !== q.correctOrder.join('|')
          ? update({ ...withoutId(q), correctOrder: this.order() } as QuestionDefinition)
          : null;
      case 'matching': {
        const p = this.pairs();
        const same = q.left.every((l) => p[l.id] === q.correctPairs[l.id]);
        return same ? null : update({ ...withoutId(q), correctPairs: p } as QuestionDefinition);
      }
      case 'essay':
        return null;
    }
  });

  constructor() {
    effect(() => this.changed.emit(this.change()));
  }

  protected asSingle(): Def<'single_choice'> {
    return this.question() as Def<'single_choice'>;
  }
  protected asMultiple(): Def<'multiple_response'> {
    return this.question() as Def<'multiple_response'>;
  }
  protected asShort(): Def<'short_text'> {
    return this.question() as Def<'short_text'>;
  }
  protected asNumeric(): Def<'numeric'> {
    return this.question() as Def<'numeric'>;
  }
  protected asMatching(): Def<'matching'> {
    return this.question() as Def<'matching'>;
  }
  protected asTrueFalse(): Def<'true_false'> {
    return this.question() as Def<'true_false'>;
  }

  protected itemText(id: string): string {
    const q = this.question();
    return q.type === 'ordering' ? (q.items.find((i) => i.id === id)?.text ?? id) : id;
  }

  protected numericNow(a: NumericAccepted): string {
    return numericText(a);
  }

  protected toggleCorrect(id: string, on: boolean): void {
    const opts = this.asMultiple().options.map((o) => o.id);
    const set = new Set(this.correctIds());
    if (on) set.add(id);
    else set.delete(id);
    this.correctIds.set(opts.filter((o) => set.has(o)));
  }

  protected setNumeric(i: number, field: keyof Omit<NumericDraft, 'range'>, value: string): void {
    this.numeric.update((list) => list.map((d, j) => (j === i ? { ...d, [field]: value } : d)));
  }

  protected setPair(left: string, right: string): void {
    this.pairs.update((p) => ({ ...p, [left]: right }));
  }

  protected moveItem(index: number, step: -1 | 1): void {
    const list = [...this.order()];
    const to = index + step;
    if (to < 0 || to >= list.length) return;
    [list[index], list[to]] = [list[to], list[index]];
    this.order.set(list);
    const id = list[to];
    this.moved.set(`“${this.itemText(id)}” is now number ${to + 1} of ${list.length}.`);
    // Keep the focus on the button that moved with its item (or its twin at the edge).
    const dir =
      step < 0 && to > 0
        ? 'up'
        : step > 0 && to < list.length - 1
          ? 'down'
          : step < 0
            ? 'down'
            : 'up';
    afterNextRender(
      { write: () => document.getElementById(`move-${dir}-${id}`)?.focus() },
      { injector: this.injector },
    );
  }
}
