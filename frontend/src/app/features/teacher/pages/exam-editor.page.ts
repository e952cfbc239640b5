/**
 * Writes an exam: its settings and its questions of every type (add, edit, reorder with
 * buttons, delete), a preview built from the student's view of each question (no key), and
 * save. What stops a save is said twice, in the words on screen: beside the control that
 * caused it, and in a summary at the top that takes the focus and links to each control (with
 * a line beside Save too). What is missing (a correct answer nobody chose, say) is found
 * before sending; the server's 400 details are mapped to their controls; 409 EXAM_LOCKED says
 * the server's sentence and offers a copy. `/teacher/exams/new` starts a new exam.
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
  signal,
  untracked,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import {
  QUESTION_TYPES,
  type ExamView,
  type QuestionType,
  type UpdateExamRequest,
} from '@exam/contracts';
import { toApiError, type ApiError } from '../../../core/api/api-error';
import { FORM_FIELD } from '../../../shared/forms/form-field.component';
import { ExamDownloadComponent } from '../components/exam-download.component';
import { GiftImportComponent } from '../components/gift-import.component';
import { QuestionEditorComponent } from '../components/question-editor.component';
import { QuestionPreviewComponent } from '../components/question-preview.component';
import { TextEditorComponent } from '../components/text-editor.component';
import { NumberFieldComponent } from '../components/question-types/number-field.component';
import { required } from '../components/question-types/question-type-editor';
import {
  NO_ERRORS,
  errorsAt,
  errorsByPart,
  issueControlId,
  summaryLine,
  type EditorIssue,
  type FieldErrors,
} from '../data-access/editor-issues';
import { latestByKey } from '../data-access/latest-by-key';
import { NEW_EXAM, checkExam, type ExamSettings } from '../data-access/exam-draft';
import { ExamsApiService } from '../data-access/exams-api.service';
import {
  QUESTION_TYPE_LABELS,
  blankQuestion,
  moveItem,
  newKey,
  toDefinition,
  toStudentView,
  type EditorQuestion,
  type QuestionDraft,
} from '../data-access/question-drafts';
import { EXAM_FIELDS, type FieldRef } from '../data-access/question-fields';
import { serverIssues } from '../data-access/server-issues';
import {
  TEXT_FIELDS,
  afterRemoving,
  checkTexts,
  moveText,
  slotOf,
  textPlace,
  textsAt,
  textsFromExam,
  textsPayload,
  textServerIssues,
  type EditorText,
} from '../data-access/text-drafts';

/** Where the summary of what stopped a save is: focus moves there after a failed save. */
const SUMMARY_ID = 'editor-summary';

@Component({
  selector: 'exam-exam-editor-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    FORM_FIELD,
    NumberFieldComponent,
    QuestionEditorComponent,
    QuestionPreviewComponent,
    TextEditorComponent,
    GiftImportComponent,
    ExamDownloadComponent,
  ],
  templateUrl: './exam-editor.page.html',
  styleUrl: './exam-editor.page.css',
})
export class ExamEditorPage {
  private readonly api = inject(ExamsApiService);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);

  /** Route parameter: an exam id, or `new`. */
  readonly id = input<string>('new');

  protected readonly types = QUESTION_TYPES;
  protected readonly typeLabels = QUESTION_TYPE_LABELS;
  protected readonly E = EXAM_FIELDS;
  /** The settings that are words, and those that are on or off, in the order shown. */
  protected readonly texts = ['title', 'description', 'instructions'] as const;
  protected readonly switches = ['isActive', 'shuffleQuestions', 'shuffleOptions'] as const;
  protected readonly required = required;
  protected readonly summaryId = SUMMARY_ID;

  protected readonly examId = signal<string | null>(null);
  protected readonly version = signal<number | null>(null);
  protected readonly locked = signal(false);
  protected readonly settings = signal<ExamSettings>({ ...NEW_EXAM });
  protected readonly questions = signal<EditorQuestion[]>([]);
  /** Texts between questions, each held by the question it comes before. */
  protected readonly examTexts = signal<EditorText[]>([]);
  protected readonly questionKeys = computed(() => this.questions().map((q) => q.key));
  /**
   * The list as the page shows it: each question after the texts that come before it, then
   * the texts after the last question. A question hidden by the tag filter hides its texts.
   */
  protected readonly rows = computed(() => {
    const keys = this.questionKeys();
    const texts = this.examTexts();
    const tag = this.tagFilter();
    const out: Array<
      | { key: string; text: EditorText; question?: undefined; index: -1 }
      | { key: string; text?: undefined; question: EditorQuestion; index: number }
    > = [];
    const addTexts = (before: string | null) => {
      for (const t of textsAt(texts, before, keys)) out.push({ key: t.key, text: t, index: -1 });
    };
    this.questions().forEach((q, index) => {
      if (tag && !q.def.tags?.includes(tag)) return;
      addTexts(q.key);
      out.push({ key: q.key, question: q, index });
    });
    addTexts(null);
    return out;
  });
  /** The tag whose questions are shown ('' = all). Hidden questions are still saved. */
  protected readonly tagFilter = signal('');
  protected readonly allTags = computed(() =>
    [...new Set(this.questions().flatMap((q) => q.def.tags ?? []))].sort((a, b) =>
      a.localeCompare(b),
    ),
  );
  protected readonly shownCount = computed(
    () => this.questions().filter((q) => q.def.tags?.includes(this.tagFilter())).length,
  );
  protected readonly addType = signal<QuestionType>('single_choice');
  protected readonly mode = signal<'edit' | 'preview'>('edit');

  protected readonly loading = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly notice = signal<string | null>(null);
  /** Why the last save failed, when it was not about fields (409 EXAM_LOCKED, CONFLICT, ...). */
  protected readonly error = signal<ApiError | null>(null);
  /** A save was tried: from then on what is missing shows, and goes as it is fixed. */
  private readonly checking = signal(false);
  /** What the server refused; a question's go once it is edited, a setting's once it is. */
  private readonly refused = signal<EditorIssue[]>([]);
  protected readonly duplicating = signal(false);

  protected readonly isNew = computed(() => this.examId() === null);
  protected readonly totalPoints = computed(() =>
    this.questions().reduce(
      (sum, q) => sum + (Number.isFinite(q.def.points) ? q.def.points : 0),
      0,
    ),
  );
  protected readonly preview = computed(() =>
    this.questions().map((q, i) => toStudentView(q.def, i, `pv-${q.key}`)),
  );
  protected readonly previewTexts = computed(() =>
    this.examTexts().map((t) => ({
      id: `pv-${t.key}`,
      beforeQuestionId: t.beforeKey === null ? null : `pv-${t.beforeKey}`,
      text: t.text,
      ...(t.format ? { format: t.format } : {}),
    })),
  );

  /** Every problem, in the page's order: what is missing, then what the server said. */
  protected readonly issues = computed<EditorIssue[]>(() => [
    ...(this.checking()
      ? [
          ...checkExam(this.settings(), this.questions()),
          ...checkTexts(this.examTexts(), this.questionKeys()),
        ]
      : []),
    ...this.refused(),
  ]);
  protected readonly settingsErrors = computed(() => errorsByPart(this.issues(), null));
  protected readonly questionErrors = computed(() => {
    const byKey = new Map<string, FieldErrors>();
    for (const q of this.questions()) byKey.set(q.key, errorsByPart(this.issues(), q.key));
    return byKey;
  });
  /** The summary's lines in the page's order, each naming its question by where it is now. */
  protected readonly summary = computed(() => {
    const position = new Map(this.questions().map((q, i) => [q.key, i + 1]));
    return this.issues()
      .map((issue) => {
        const n = issue.questionKey === null ? null : (position.get(issue.questionKey) ?? null);
        return { n, target: issueControlId(issue), text: summaryLine(issue, n) };
      })
      .sort((a, b) => (a.n ?? 0) - (b.n ?? 0));
  });
  protected readonly showSummary = computed(
    () => this.error() !== null || this.issues().length > 0,
  );

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => {
        if (id === 'new') this.reset();
        else if (id !== this.examId()) this.load(id);
      });
    });
  }

  protected setting<K extends keyof ExamSettings>(key: K, value: ExamSettings[K]): void {
    this.settings.update((s) => ({ ...s, [key]: value }));
    const part = EXAM_FIELDS[key].part;
    this.refused.update((all) => all.filter((i) => i.questionKey !== null || i.part !== part));
  }
  protected text(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }
  protected checked(event: Event): boolean {
    return (event.target as HTMLInputElement).checked;
  }
  protected settingErrors(ref: FieldRef): readonly string[] {
    return errorsAt(this.settingsErrors(), ref.part);
  }
  protected errorsFor(key: string): FieldErrors {
    return this.questionErrors().get(key) ?? NO_ERRORS;
  }

  /** A line of the summary was followed: focus its control (a group's first control). */
  protected goToIssue(event: Event, target: string): void {
    event.preventDefault();
    const el = document.getElementById(target);
    if (!el) return;
    const focusable = el.matches('input, select, textarea, button, [tabindex]')
      ? el
      : el.querySelector<HTMLElement>('input, select, textarea, button');
    (focusable ?? el).focus();
  }

  protected addQuestion(): void {
    const key = newKey();
    this.questions.update((qs) => [...qs, { key, def: blankQuestion(this.addType()) }]);
    this.notice.set(
      `Added question ${this.questions().length}: ${QUESTION_TYPE_LABELS[this.addType()]}.`,
    );
    // Move focus to the new question's text so keyboard users land where they can type.
    setTimeout(() => document.getElementById(`${key}-prompt`)?.focus());
  }

  /** What a question's editors build each change on (data-access/latest-by-key.ts). */
  protected readonly latestOf = latestByKey(
    (key) => this.questions().find((q) => q.key === key)?.def,
  );
  protected readonly latestTextOf = latestByKey((key) =>
    this.examTexts().find((t) => t.key === key),
  );

  protected updateQuestion(key: string, def: QuestionDraft): void {
    this.questions.update((qs) => qs.map((q) => (q.key === key ? { ...q, def } : q)));
    this.refused.update((all) => all.filter((i) => i.questionKey !== key));
  }

  protected moveQuestion(index: number, delta: -1 | 1): void {
    this.questions.update((qs) => moveItem(qs, index, delta));
    const to = index + delta;
    this.notice.set(`Moved question ${index + 1} to position ${to + 1}.`);
    const key = this.questions()[to]?.key;
    // Keep focus on the button that was pressed, now in its new place.
    setTimeout(() =>
      document
        .querySelector<HTMLButtonElement>(
          `[aria-labelledby="${key}-heading"] .q-actions button:nth-child(${delta < 0 ? 1 : 2})`,
        )
        ?.focus(),
    );
  }

  protected removeQuestion(index: number): void {
    const gone = this.questions()[index];
    if (gone) this.examTexts.update((ts) => afterRemoving(ts, gone.key, this.questionKeys()));
    this.questions.update((qs) => qs.filter((_, i) => i !== index));
    if (gone) this.refused.update((all) => all.filter((i) => i.questionKey !== gone.key));
    this.notice.set(`Deleted question ${index + 1}.`);
  }

  protected textPlace(t: EditorText): string {
    return textPlace(t, this.questionKeys());
  }
  protected textSlot(t: EditorText): number {
    return slotOf(t, this.questionKeys());
  }
  protected textErrors(key: string): readonly string[] {
    return errorsAt(errorsByPart(this.issues(), key), TEXT_FIELDS.text.part);
  }

  protected addText(): void {
    const key = newKey();
    this.examTexts.update((ts) => [...ts, { key, beforeKey: null, text: '' }]);
    this.notice.set(
      'Added a text after the last question. Move it up to show it before a question.',
    );
    setTimeout(() => document.getElementById(`${key}-${TEXT_FIELDS.text.part}`)?.focus());
  }

  protected updateText(t: EditorText): void {
    this.examTexts.update((ts) => ts.map((x) => (x.key === t.key ? t : x)));
    this.refused.update((all) => all.filter((i) => i.questionKey !== t.key));
  }

  protected moveText(key: string, delta: -1 | 1): void {
    this.examTexts.update((ts) => moveText(ts, key, delta, this.questionKeys()));
    const moved = this.examTexts().find((t) => t.key === key);
    if (moved) this.notice.set(`Moved the text: now ${this.textPlace(moved).toLowerCase()}.`);
    setTimeout(() =>
      document
        .querySelector<HTMLButtonElement>(
          `[aria-labelledby="${key}-heading"] exam-row-actions button:nth-child(${delta < 0 ? 1 : 2})`,
        )
        ?.focus(),
    );
  }

  protected removeText(key: string): void {
    const gone = this.examTexts().find((t) => t.key === key);
    this.examTexts.update((ts) => ts.filter((t) => t.key !== key));
    this.refused.update((all) => all.filter((i) => i.questionKey !== key));
    if (gone) this.notice.set(`Deleted the ${this.textPlace(gone).toLowerCase()}.`);
  }

  protected save(event?: Event): void {
    event?.preventDefault();
    this.error.set(null);
    this.refused.set([]);
    this.notice.set(null);
    this.checking.set(true);
    // What is missing is said before anything is sent.
    if (this.issues().length) {
      this.focusSummary();
      return;
    }
    const body = this.payload();
    this.saving.set(true);
    const id = this.examId();
    const call = id ? this.api.update(id, body) : this.api.create(body);
    call.subscribe({
      next: (exam) => {
        this.saving.set(false);
        this.apply(exam);
        this.notice.set(`Saved “${exam.title}” (version ${exam.version}).`);
        if (!id) void this.router.navigate(['/teacher/exams', exam.id], { replaceUrl: true });
      },
      error: (err: unknown) => this.fail(err),
    });
  }

  protected duplicate(): void {
    const id = this.examId();
    if (!id) return;
    this.duplicating.set(true);
    this.api.duplicate(id).subscribe({
      next: (copy) => {
        this.duplicating.set(false);
        void this.router.navigate(['/teacher/exams', copy.id]);
      },
      error: (err: unknown) => {
        this.duplicating.set(false);
        this.error.set(toApiError(err));
        this.focusSummary();
      },
    });
  }

  protected reload(): void {
    const id = this.examId();
    if (id) this.load(id);
  }

  protected onImported(exam: ExamView): void {
    void this.router.navigate(['/teacher/exams', exam.id]);
  }

  private payload(): UpdateExamRequest {
    const s = this.settings();
    return {
      title: s.title.trim(),
      description: s.description,
      instructions: s.instructions,
      durationMinutes: s.durationMinutes,
      passingScore: s.passingScore,
      shuffleQuestions: s.shuffleQuestions,
      shuffleOptions: s.shuffleOptions,
      isActive: s.isActive,
      questions: this.questions().map((q) => toDefinition(q.def)),
      texts: textsPayload(this.examTexts(), this.questionKeys()),
      ...(this.version() !== null ? { version: this.version()! } : {}),
    };
  }

  private fail(err: unknown): void {
    this.saving.set(false);
    const e = toApiError(err);
    const texts = textServerIssues(e.fieldErrors, this.examTexts(), this.questionKeys());
    const others = Object.fromEntries(
      Object.entries(e.fieldErrors).filter(([path]) => !path.startsWith('texts[')),
    );
    const placed = [...serverIssues(others, this.questions()), ...texts];
    if (e.code === 'VALIDATION_FAILED' && placed.length) this.refused.set(placed);
    else this.error.set(e);
    if (e.code === 'EXAM_LOCKED') this.locked.set(true);
    this.focusSummary();
  }

  /** The summary at the top takes the focus (and so the screen) once it is drawn. */
  private focusSummary(): void {
    afterNextRender(() => document.getElementById(SUMMARY_ID)?.focus(), {
      injector: this.injector,
    });
  }

  private load(id: string): void {
    this.loading.set(true);
    this.loadError.set(null);
    this.api.get(id).subscribe({
      next: (exam) => {
        this.loading.set(false);
        this.apply(exam);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.loadError.set(toApiError(err).message);
      },
    });
  }

  private apply(exam: ExamView): void {
    this.examId.set(exam.id);
    this.version.set(exam.version);
    this.locked.set(exam.locked);
    this.settings.set({
      title: exam.title,
      description: exam.description ?? '',
      instructions: exam.instructions ?? '',
      durationMinutes: exam.durationMinutes,
      passingScore: exam.passingScore,
      shuffleQuestions: exam.shuffleQuestions,
      shuffleOptions: exam.shuffleOptions,
      isActive: exam.isActive,
    });
    // Keep local keys where the server kept the question, so focus and issues stay put.
    const old = new Map(this.questions().map((q) => [q.def.id, q.key]));
    this.questions.set(
      exam.questions.map((def) => ({ key: (def.id && old.get(def.id)) || newKey(), def })),
    );
    this.examTexts.set(textsFromExam(exam.texts ?? [], this.questionKeys(), this.examTexts()));
    this.clearProblems();
  }

  private reset(): void {
    this.examId.set(null);
    this.version.set(null);
    this.locked.set(false);
    this.settings.set({ ...NEW_EXAM });
    this.questions.set([]);
    this.examTexts.set([]);
    this.clearProblems();
    this.notice.set(null);
  }

  private clearProblems(): void {
    this.checking.set(false);
    this.refused.set([]);
    this.error.set(null);
  }
}
