/**
 * Writes an exam: its settings and its questions of every type (add, edit, reorder with
 * buttons, delete), a preview built from the student's view of each question (no key), and
 * save. The server's 400 details land next to the exam field or the question they are about;
 * 409 EXAM_LOCKED explains why and offers a copy. `/teacher/exams/new` starts a new exam.
 */
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { KeyValuePipe } from '@angular/common';
import { Router, RouterLink } from '@angular/router';
import {
  QUESTION_TYPES,
  type ExamView,
  type QuestionDefinition,
  type QuestionType,
  type UpdateExamRequest,
} from '@exam/contracts';
import { toApiError, type ApiError } from '../../../core/api/api-error';
import { GiftImportComponent } from '../components/gift-import.component';
import { QuestionEditorComponent } from '../components/question-editor.component';
import { QuestionPreviewComponent } from '../components/question-preview.component';
import { ExamsApiService } from '../data-access/exams-api.service';
import {
  QUESTION_TYPE_LABELS,
  blankQuestion,
  moveItem,
  newKey,
  sortIssues,
  toStudentView,
  type EditorQuestion,
} from '../data-access/question-drafts';

export interface ExamSettings {
  title: string;
  description: string;
  instructions: string;
  durationMinutes: number;
  passingScore: number;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  isActive: boolean;
}

const NEW_EXAM: ExamSettings = {
  title: '',
  description: '',
  instructions: '',
  durationMinutes: 30,
  passingScore: 50,
  shuffleQuestions: false,
  shuffleOptions: false,
  isActive: true,
};

@Component({
  selector: 'exam-exam-editor-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    KeyValuePipe,
    QuestionEditorComponent,
    QuestionPreviewComponent,
    GiftImportComponent,
  ],
  templateUrl: './exam-editor.page.html',
  styleUrl: './exam-editor.page.css',
})
export class ExamEditorPage {
  private readonly api = inject(ExamsApiService);
  private readonly router = inject(Router);

  /** Route parameter: an exam id, or `new`. */
  readonly id = input<string>('new');

  protected readonly types = QUESTION_TYPES;
  protected readonly typeLabels = QUESTION_TYPE_LABELS;

  protected readonly examId = signal<string | null>(null);
  protected readonly version = signal<number | null>(null);
  protected readonly locked = signal(false);
  protected readonly settings = signal<ExamSettings>({ ...NEW_EXAM });
  protected readonly questions = signal<EditorQuestion[]>([]);
  protected readonly addType = signal<QuestionType>('single_choice');
  protected readonly mode = signal<'edit' | 'preview'>('edit');

  protected readonly loading = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly notice = signal<string | null>(null);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly examIssues = signal<Record<string, string[]>>({});
  /** Server problems per question, by the question's local key (they follow reorders). */
  protected readonly questionIssues = signal<Record<string, string[]>>({});
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
  protected readonly issueCount = computed(
    () => Object.keys(this.examIssues()).length + Object.keys(this.questionIssues()).length,
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
  }
  protected text(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }
  protected num(event: Event): number {
    const v = (event.target as HTMLInputElement).value;
    return v.trim() === '' ? Number.NaN : Number(v);
  }
  protected checked(event: Event): boolean {
    return (event.target as HTMLInputElement).checked;
  }
  protected examError(field: string): string | null {
    return this.examIssues()[field]?.join(' ') || null;
  }

  protected issuesFor(key: string): readonly string[] {
    return Object.hasOwn(this.questionIssues(), key) ? this.questionIssues()[key] : [];
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

  protected updateQuestion(key: string, def: QuestionDefinition): void {
    this.questions.update((qs) => qs.map((q) => (q.key === key ? { ...q, def } : q)));
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
    this.questions.update((qs) => qs.filter((_, i) => i !== index));
    if (gone) {
      this.questionIssues.update((all) => {
        const { [gone.key]: _dropped, ...rest } = all;
        return rest;
      });
    }
    this.notice.set(`Deleted question ${index + 1}.`);
  }

  protected save(event?: Event): void {
    event?.preventDefault();
    const body = this.payload();
    this.saving.set(true);
    this.error.set(null);
    this.notice.set(null);
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
      questions: this.questions().map((q) => q.def),
      ...(this.version() !== null ? { version: this.version()! } : {}),
    };
  }

  private fail(err: unknown): void {
    this.saving.set(false);
    const e = toApiError(err);
    this.error.set(e);
    const sorted = sortIssues(e.fieldErrors);
    this.examIssues.set(sorted.exam);
    const keys = this.questions().map((q) => q.key);
    const byKey: Record<string, string[]> = {};
    for (const [index, lines] of sorted.questions) {
      const key = keys[index];
      if (key) byKey[key] = lines;
      else (sorted.exam['questions'] ??= []).push(...lines);
    }
    this.questionIssues.set(byKey);
    if (e.code === 'EXAM_LOCKED') this.locked.set(true);
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
    this.examIssues.set({});
    this.questionIssues.set({});
    this.error.set(null);
  }

  private reset(): void {
    this.examId.set(null);
    this.version.set(null);
    this.locked.set(false);
    this.settings.set({ ...NEW_EXAM });
    this.questions.set([]);
    this.examIssues.set({});
    this.questionIssues.set({});
    this.error.set(null);
    this.notice.set(null);
  }
}
