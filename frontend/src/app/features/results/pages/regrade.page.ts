/**
 * /teacher/sessions/:id/regrade: fix a question after (or during) an exam. Choose the
 * question, the fix its type allows (another accepted answer, the correct option, true/false,
 * the correct options, the number, the order, the matches) or full marks / not counted /
 * counted again, add why, preview who changes (before → after), then apply. The history of
 * regrades is at the bottom. `?questionId=…&accept=…` (from the question page) preselects a
 * short-text question with that answer to accept and previews at once.
 */
import { PlainTextPipe, RichTextComponent } from '../../../shared/rich-text/rich-text';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  Injector,
  OnInit,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type {
  QuestionResponsesView,
  RegradeChange,
  RegradePreview,
  RegradeRecord,
  RegradeRequest,
  RegradeResult,
  ResultsQuestionColumn,
} from '@exam/contracts';
import { toApiError } from '../../../core/api/api-error';
import { KeyEditorComponent } from '../components/key-editor.component';
import {
  describeChange,
  fieldWords,
  fixChoices,
  type FixKind,
} from '../components/regrade-changes';
import { RegradeHistoryComponent } from '../components/regrade-history.component';
import { RegradePreviewComponent } from '../components/regrade-preview.component';
import { ResultsApiService } from '../data-access/results-api.service';
import { ADJUSTMENT_LABELS, TYPE_LABELS, formatPoints } from '../data-access/result-labels';

interface Problem {
  message: string;
  fields: Array<{ field: string; problems: readonly string[] }>;
}

const shortPrompt = (s: string) => (s.length > 70 ? `${s.slice(0, 69)}…` : s);

@Component({
  selector: 'exam-regrade-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    KeyEditorComponent,
    RegradePreviewComponent,
    RegradeHistoryComponent,
    RichTextComponent,
    PlainTextPipe,
  ],
  templateUrl: './regrade.page.html',
  styleUrls: ['../../teacher/pages/teacher-pages.css', './regrade.page.css'],
})
export class RegradePage implements OnInit {
  /** Route parameter. */
  readonly id = input.required<string>();
  /** Query parameters of the deep link from the question page. */
  readonly questionId = input<string | undefined>();
  readonly accept = input<string | undefined>();

  private readonly api = inject(ResultsApiService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);

  protected readonly types = TYPE_LABELS;
  protected readonly adjustments = ADJUSTMENT_LABELS;
  protected readonly fmt = formatPoints;
  protected readonly shortPrompt = shortPrompt;

  protected readonly title = signal<string | null>(null);
  protected readonly questions = signal<ResultsQuestionColumn[]>([]);
  protected readonly loadError = signal<string | null>(null);
  protected readonly selectedId = signal('');
  protected readonly view = signal<QuestionResponsesView | null>(null);
  protected readonly viewLoading = signal(false);
  protected readonly fix = signal<FixKind | null>(null);
  protected readonly keyChange = signal<RegradeChange | null>(null);
  protected readonly note = signal('');
  protected readonly history = signal<RegradeRecord[]>([]);
  protected readonly busy = signal<'preview' | 'apply' | null>(null);
  protected readonly preview = signal<RegradePreview | null>(null);
  private readonly previewFor = signal<string | null>(null);
  protected readonly confirming = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  /** Said to screen readers when a preview arrives. */
  protected readonly status = signal('');
  protected readonly applied = signal<RegradeResult | null>(null);
  /** The deep link's answer, used once for the first question it selects. */
  protected readonly initialAccept = signal<string | null>(null);

  protected readonly positions = computed(
    () => new Map(this.questions().map((q) => [q.id, q.position] as const)),
  );
  protected readonly selected = computed(
    () => this.questions().find((q) => q.id === this.selectedId()) ?? null,
  );
  protected readonly choices = computed(() => {
    const v = this.view();
    return v ? fixChoices(v.question, v.adjustment) : [];
  });
  protected readonly change = computed((): RegradeChange | null => {
    const v = this.view();
    const fix = this.fix();
    if (!v || !fix) return null;
    if (fix === 'key') return this.keyChange();
    return { questionId: v.question.id, action: fix };
  });
  protected readonly request = computed((): RegradeRequest | null => {
    const c = this.change();
    if (!c) return null;
    const note = this.note().trim();
    return { changes: [c], ...(note ? { note } : {}) };
  });
  protected readonly previewCurrent = computed(() => {
    const r = this.request();
    return !!this.preview() && !!r && this.previewFor() === JSON.stringify(r);
  });
  protected readonly changeText = computed(() => {
    const c = this.change();
    return c ? describeChange(c, this.positions()) : '';
  });

  protected describe(c: RegradeChange): string {
    return describeChange(c, this.positions());
  }

  ngOnInit(): void {
    this.initialAccept.set(this.accept()?.trim() || null);
    this.loadQuestions(this.questionId() ?? null);
    this.loadHistory();
  }

  protected onSelect(id: string): void {
    this.initialAccept.set(null);
    this.selectQuestion(id);
  }

  protected setFix(kind: FixKind): void {
    this.fix.set(kind);
    this.confirming.set(false);
    this.problem.set(null);
  }

  protected runPreview(): void {
    const req = this.request();
    if (!req || this.busy()) return;
    this.busy.set('preview');
    this.problem.set(null);
    this.applied.set(null);
    this.confirming.set(false);
    this.api
      .previewRegrade(this.id(), req)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (p) => {
          this.busy.set(null);
          this.preview.set(p);
          this.previewFor.set(JSON.stringify(req));
          const n = p.changed.length;
          this.status.set(
            `Preview ready: ${n === 1 ? '1 student gets' : `${n} students get`} a different result, ${p.unchanged} unchanged.`,
          );
        },
        error: (err: unknown) => this.failed(err),
      });
  }

  protected apply(): void {
    const req = this.request();
    if (!req || this.busy() || !this.previewCurrent()) return;
    this.busy.set('apply');
    this.problem.set(null);
    this.api
      .regrade(this.id(), req)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (r) => {
          this.busy.set(null);
          this.confirming.set(false);
          this.preview.set(null);
          this.previewFor.set(null);
          this.applied.set(r);
          this.note.set('');
          this.initialAccept.set(null);
          this.history.update((h) => [r.record, ...h.filter((x) => x.id !== r.record.id)]);
          this.status.set('');
          // The confirm button is gone: continue from the result.
          afterNextRender(
            { write: () => document.getElementById('done-heading')?.focus() },
            { injector: this.injector },
          );
          // The key and the adjustment changed: read them again.
          this.loadQuestions(this.selectedId(), true);
        },
        error: (err: unknown) => this.failed(err),
      });
  }

  private failed(err: unknown): void {
    this.busy.set(null);
    this.confirming.set(false);
    const e = toApiError(err);
    this.problem.set({
      message: e.message,
      fields: Object.entries(e.fieldErrors).map(([field, problems]) => ({
        field: fieldWords(field),
        problems,
      })),
    });
  }

  private loadQuestions(select: string | null, keepApplied = false): void {
    this.api
      .results(this.id(), { pageSize: 1 })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (r) => {
          this.title.set(r.title);
          this.questions.set(r.questions);
          this.loadError.set(null);
          const id = select && r.questions.some((q) => q.id === select) ? select : null;
          if (id) this.selectQuestion(id, keepApplied);
        },
        error: (err: unknown) => this.loadError.set(toApiError(err).message),
      });
  }

  private selectQuestion(id: string, keepApplied = false): void {
    const same = id === this.selectedId();
    this.selectedId.set(id);
    this.preview.set(null);
    this.previewFor.set(null);
    this.confirming.set(false);
    this.problem.set(null);
    if (!keepApplied) this.applied.set(null);
    if (!same || !keepApplied) {
      this.keyChange.set(null);
      this.fix.set(null);
    }
    if (!id) {
      this.view.set(null);
      return;
    }
    this.viewLoading.set(true);
    this.api
      .question(this.id(), id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (v) => {
          this.viewLoading.set(false);
          this.view.set(v);
          const kinds = fixChoices(v.question, v.adjustment).map((c) => c.kind);
          // The type's own fix first; no fix is preselected when there is none (essays).
          if (!this.fix() || !kinds.includes(this.fix()!)) {
            this.fix.set(kinds.includes('key') ? 'key' : null);
          }
          if (keepApplied) {
            this.keyChange.set(null);
            return;
          }
          const text = this.initialAccept();
          if (text && v.question.type === 'short_text') {
            // From the question page: accept this answer and show who it helps at once.
            this.fix.set('key');
            this.keyChange.set({ questionId: v.question.id, action: 'accept_answer', text });
            this.runPreview();
          }
        },
        error: (err: unknown) => {
          this.viewLoading.set(false);
          this.view.set(null);
          this.failed(err);
        },
      });
  }

  private loadHistory(): void {
    this.api
      .regrades(this.id())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ next: (h) => this.history.set(h), error: () => undefined });
  }
}
