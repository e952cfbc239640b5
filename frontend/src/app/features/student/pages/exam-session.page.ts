/**
 * /student/sessions/:id: the student's exam page. Lobby before launch, then one question at a
 * time with a navigator, the server-clock countdown, save state per question, connection
 * banners, a paused overlay, broadcast messages, review + submit, and a completion screen.
 * All state comes from StudentExamSession; this page only renders and forwards intents.
 */
import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  ElementRef,
  OnInit,
  computed,
  effect,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { AuthService } from '../../../core/auth/auth.service';
import { ZonedDatePipe } from '../../../core/time/zoned-date.pipe';
import { AnswerInputComponent, type AnswerChange } from '../components/answer-input.component';
import { ExamCountdownComponent } from '../components/exam-countdown.component';
import { QuestionNavigatorComponent } from '../components/question-navigator.component';
import { SaveStateComponent } from '../components/save-state.component';
import { StudentExamSession } from '../data-access/student-exam-session.service';

const TYPE_HINTS: Record<string, string> = {
  single_choice: 'Choose one answer.',
  true_false: 'Choose true or false.',
  multiple_response: 'Choose all answers that apply.',
  short_text: 'Type a short answer.',
  numeric: 'Type a number.',
  essay: 'Write your answer.',
  ordering: 'Put the items in the right order.',
  matching: 'Match each item on the left with one on the right.',
};

@Component({
  selector: 'exam-session-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [StudentExamSession],
  imports: [
    ZonedDatePipe,
    RouterLink,
    AnswerInputComponent,
    ExamCountdownComponent,
    QuestionNavigatorComponent,
    SaveStateComponent,
  ],
  templateUrl: './exam-session.page.html',
  styleUrl: './exam-session.page.css',
})
export class ExamSessionPage implements OnInit {
  /** Route parameter. */
  readonly id = input.required<string>();
  protected readonly exam = inject(StudentExamSession);
  private readonly auth = inject(AuthService);
  private readonly storage = inject(DOCUMENT).defaultView?.localStorage ?? null;

  protected readonly index = signal(0);
  protected readonly reviewing = signal(false);
  protected readonly flagged = signal<ReadonlySet<string>>(new Set());
  private readonly heading = viewChild<ElementRef<HTMLElement>>('questionHeading');
  private readonly reviewHeading = viewChild<ElementRef<HTMLElement>>('reviewHeading');
  private positioned = false;

  protected readonly state = this.exam.state;
  protected readonly questions = computed(() => this.state()?.questions ?? []);
  protected readonly current = computed(() => this.questions()[this.index()] ?? null);
  protected readonly answered = computed(() => {
    const drafts = this.exam.queue?.drafts() ?? {};
    return new Set(Object.keys(drafts).filter((k) => isAnswered(drafts[k])));
  });
  protected readonly unanswered = computed(() =>
    this.questions()
      .map((q, i) => ({ q, n: i + 1 }))
      .filter(({ q }) => !this.answered().has(q.id)),
  );
  protected readonly flaggedList = computed(() =>
    this.questions()
      .map((q, i) => ({ q, n: i + 1 }))
      .filter(({ q }) => this.flagged().has(q.id)),
  );
  protected readonly phase = computed(() => {
    const s = this.state();
    if (!s) return 'loading';
    if (s.attemptStatus === 'completed' || s.status === 'completed' || s.status === 'terminated')
      return 'done';
    if (s.status === 'preparing') return 'lobby';
    return 'exam';
  });
  protected readonly typeHint = computed(() => TYPE_HINTS[this.current()?.type ?? ''] ?? '');
  protected readonly savingSummary = computed(() => {
    const n = this.exam.queue?.pendingCount() ?? 0;
    return n === 0 ? 'All answers saved' : `${n} answer${n === 1 ? '' : 's'} waiting to be saved`;
  });

  constructor() {
    // After a refresh, open the question the student was on.
    effect(() => {
      const s = this.state();
      if (this.positioned || !s || s.questions.length === 0) return;
      this.positioned = true;
      const i = s.questions.findIndex((q) => q.id === s.currentQuestionId);
      if (i > 0) this.index.set(i);
    });
  }

  ngOnInit(): void {
    this.exam.start(this.id());
    this.flagged.set(new Set(this.readFlags()));
  }

  protected onChange(questionId: string, c: AnswerChange): void {
    this.exam.change(questionId, c.answer, c.immediate);
  }

  protected go(i: number): void {
    if (i < 0 || i >= this.questions().length) return;
    this.reviewing.set(false);
    this.index.set(i);
    const q = this.questions()[i];
    if (q) this.exam.viewing(q.id);
    setTimeout(() => this.heading()?.nativeElement.focus());
  }

  protected toggleFlag(id: string): void {
    this.flagged.update((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
    this.storage?.setItem(this.flagKey(), JSON.stringify([...this.flagged()]));
  }

  protected review(): void {
    this.exam.queue.flushEdits();
    this.reviewing.set(true);
    setTimeout(() => this.reviewHeading()?.nativeElement.focus());
  }

  protected async submit(): Promise<void> {
    await this.exam.submit();
  }

  private flagKey(): string {
    return `exam-room.flags.${this.auth.user()?.id ?? ''}.${this.id()}`;
  }

  private readFlags(): string[] {
    try {
      const v = JSON.parse(this.storage?.getItem(this.flagKey()) ?? '[]') as unknown;
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  }
}

function isAnswered(v: unknown): boolean {
  if (!v || typeof v !== 'object') return false;
  const r = v as Record<string, unknown>;
  if ('text' in r) return typeof r['text'] === 'string' && r['text'].trim() !== '';
  if ('optionIds' in r) return Array.isArray(r['optionIds']) && r['optionIds'].length > 0;
  if ('pairs' in r) return Object.keys(r['pairs'] as object).length > 0;
  return true;
}
