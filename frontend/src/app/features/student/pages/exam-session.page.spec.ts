import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { MyExamSessionView, StudentSnapshot } from '@exam/contracts';
import { Subject, of } from 'rxjs';
import { FakeWebSocketFactory, type FakeWebSocket } from '../../../../testing/fake-web-socket';
import { AuthService } from '../../../core/auth/auth.service';
import {
  DEFAULT_SOCKET_CONFIG,
  SOCKET_CONFIG,
  SOCKET_URL,
  WEB_SOCKET_FACTORY,
} from '../../../core/socket/socket.tokens';
import { SignOutCheck } from '../../../core/layout/sign-out-check';
import { ExamSessionPage, STUDENT_SIGN_OUT_TEXT, studentSignOutReason } from './exam-session.page';

class FakeAuth {
  readonly accessTokenChanges = new Subject<string | null>();
  accessToken = () => 'access-1';
  isLoggedIn = () => true;
  user = () => ({ id: 'stu-1', displayName: 'Sam Student' });
  refresh = () => of('access-1');
}

function completedSnapshot(): StudentSnapshot {
  return {
    role: 'student',
    sessionId: 's1',
    title: 'English',
    status: 'completed',
    durationMinutes: 60,
    config: { timeWarningMinutes: [5], gracePeriodSeconds: 30, allowLateJoin: true },
    launchedAt: 1,
    pausedAt: null,
    endedAt: 2,
    closingAt: null,
    serverNow: 3,
    questionCount: 1,
    lastSeq: 10,
    deadline: 2,
    remainingMs: 0,
    attemptStatus: 'completed',
    completedAt: 2,
    endReason: 'submitted',
    allowanceMs: 60 * 60_000,
    currentQuestionId: null,
    questions: [{ id: 'q1', type: 'short_text', position: 0, prompt: 'Type', points: 1 }],
    texts: [],
    answers: [],
  };
}

describe('ExamSessionPage after the exam', () => {
  let factory: FakeWebSocketFactory;
  let fixture: ComponentFixture<ExamSessionPage>;
  let el: HTMLElement;
  let http: HttpTestingController;
  let ws: FakeWebSocket;

  const receive = (event: string, data: object, seq?: number) =>
    ws.receive({ event, data: { sessionId: 's1', ...data }, ...(seq ? { seq } : {}) });
  const link = () =>
    [...el.querySelectorAll('a')].find((a) => a.textContent?.includes('See your result'));

  async function open(info: Partial<MyExamSessionView> | null): Promise<void> {
    fixture = TestBed.createComponent(ExamSessionPage);
    fixture.componentRef.setInput('id', 's1');
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http.expectOne('/api/v1/exam-sessions/s1').flush(info);
    ws = factory.last;
    ws.open();
    ws.receive({
      event: 'auth_success',
      data: { user: { id: 'stu-1' }, serverNow: Date.now(), tokenExpiresAt: 0 },
    });
    receive('session_snapshot', { snapshot: completedSnapshot() }, 10);
    await fixture.whenStable();
  }

  beforeEach(() => {
    localStorage.clear();
    factory = new FakeWebSocketFactory();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: AuthService, useClass: FakeAuth },
        { provide: WEB_SOCKET_FACTORY, useValue: factory.create },
        { provide: SOCKET_URL, useValue: 'ws://exam.test/ws' },
        { provide: SOCKET_CONFIG, useValue: { ...DEFAULT_SOCKET_CONFIG, random: () => 0.5 } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    fixture.destroy();
    TestBed.resetTestingModule();
  });

  it('offers "See your result" as soon as results_released arrives, and removes it if withdrawn', async () => {
    await open({ resultsRelease: 'none' });
    expect(el.querySelector('[data-testid="completion"]')).not.toBeNull();
    expect(link()).toBeUndefined();

    receive('results_released', { mode: 'correctness', releasedAt: 5 }, 11);
    await fixture.whenStable();
    expect(link()?.getAttribute('href')).toBe('/student/results/s1');
    expect(el.querySelector('[data-testid="results-released"]')?.textContent).toContain(
      'released your results',
    );
    expect(el.querySelector('[data-testid="time-announcement"]')?.textContent).toContain(
      'Your teacher released your results.',
    );

    receive('results_released', { mode: 'none', releasedAt: null }, 12);
    await fixture.whenStable();
    expect(link()).toBeUndefined();
    expect(el.textContent).toContain('Back to my exams');
  });

  it('shows the link at once when the results were already released', async () => {
    await open({ resultsRelease: 'score' });
    expect(link()?.getAttribute('href')).toBe('/student/results/s1');
  });
});

describe('ExamSessionPage during the exam', () => {
  let factory: FakeWebSocketFactory;
  let fixture: ComponentFixture<ExamSessionPage>;
  let el: HTMLElement;
  let http: HttpTestingController;
  let ws: FakeWebSocket;
  const wide = false;

  const receive = (event: string, data: object, seq?: number) =>
    ws.receive({ event, data: { sessionId: 's1', ...data }, ...(seq ? { seq } : {}) });
  const text = (sel: string) => el.querySelector(sel)?.textContent?.replace(/\s+/g, ' ').trim();

  function activeSnapshot(): StudentSnapshot {
    return {
      ...completedSnapshot(),
      status: 'active',
      attemptStatus: 'joined',
      endedAt: null,
      completedAt: null,
      endReason: null,
      serverNow: Date.now(),
      deadline: Date.now() + 3_600_000,
      remainingMs: 3_600_000,
      questionCount: 2,
      questions: [
        {
          id: 'm',
          type: 'matching',
          position: 0,
          prompt: 'Match',
          points: 3,
          left: [
            { id: 'l1', text: 'hot' },
            { id: 'l2', text: 'early' },
          ],
          right: [
            { id: 'r1', text: 'cold' },
            { id: 'r2', text: 'late' },
          ],
        },
        {
          id: 'e',
          type: 'essay',
          position: 1,
          prompt: 'Write about a place (80-120 words).',
          points: 5,
          maxWords: 150,
        },
      ],
    };
  }

  beforeEach(async () => {
    localStorage.clear();
    window.matchMedia = ((q: string) => ({ matches: wide, media: q })) as typeof window.matchMedia;
    factory = new FakeWebSocketFactory();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: AuthService, useClass: FakeAuth },
        { provide: WEB_SOCKET_FACTORY, useValue: factory.create },
        { provide: SOCKET_URL, useValue: 'ws://exam.test/ws' },
        { provide: SOCKET_CONFIG, useValue: { ...DEFAULT_SOCKET_CONFIG, random: () => 0.5 } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ExamSessionPage);
    fixture.componentRef.setInput('id', 's1');
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http.expectOne('/api/v1/exam-sessions/s1').flush(null);
    ws = factory.last;
    ws.open();
    ws.receive({
      event: 'auth_success',
      data: { user: { id: 'stu-1' }, serverNow: Date.now(), tokenExpiresAt: 0 },
    });
    receive('session_snapshot', { snapshot: activeSnapshot() }, 10);
    await fixture.whenStable();
  });

  afterEach(() => {
    fixture.destroy();
    TestBed.resetTestingModule();
  });

  it('puts the question first, with a skip link, and the navigator folded on a phone', async () => {
    const question = el.querySelector('[data-testid=question]');
    const panel = el.querySelector('exam-nav-panel');
    expect(question && panel).toBeTruthy();
    expect(
      question!.compareDocumentPosition(panel!) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(text('.skip-link')).toBe('Skip to the question');
    const toggle = el.querySelector('[data-testid=navigator-toggle]');
    expect(toggle?.getAttribute('aria-expanded')).toBe('false');
    expect(text('[data-testid=navigator-toggle]')).toContain('Questions (0 of 2 answered)');
  });

  it('counts a matching question as answered only when every prompt has a choice', async () => {
    const selects = el.querySelectorAll<HTMLSelectElement>('select');
    selects[0].value = 'r1';
    selects[0].dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(text('[data-testid=navigator-toggle]')).toContain('Questions (0 of 2 answered)');
    selects[1].value = 'r2';
    selects[1].dispatchEvent(new Event('change'));
    await fixture.whenStable();
    expect(text('[data-testid=navigator-toggle]')).toContain('Questions (1 of 2 answered)');
  });

  it("words the essay counter after the question's own limits", async () => {
    el.querySelector<HTMLButtonElement>('.pager .btn-primary')?.click();
    await new Promise((r) => setTimeout(r));
    await fixture.whenStable();
    expect(text('[data-testid=word-count]')).toBe('0 words (the question asks for 80-120)');
  });

  it('shows time events near the timer', async () => {
    receive('exam_add_time', { addedMs: 120_000, scope: 'student', deadline: 1, serverNow: 1 }, 11);
    await fixture.whenStable();
    expect(text('[data-testid=time-notice]')).toContain('Your teacher added 2 minutes.');
    expect(el.querySelector('.exam-top [data-testid=time-notice]')).not.toBeNull();
  });

  it('asks before sign-out while the exam runs and the attempt is not finished', async () => {
    const check = TestBed.inject(SignOutCheck);
    expect(check.reason()).toBe(STUDENT_SIGN_OUT_TEXT);
    receive('exam_pause', { pausedAt: Date.now() }, 11);
    await fixture.whenStable();
    expect(check.reason()).toBe(STUDENT_SIGN_OUT_TEXT);
    receive('exam_submit', { completedAt: Date.now() }, 12);
    await fixture.whenStable();
    expect(check.reason()).toBeNull();
    fixture.destroy();
    expect(check.reason()).toBeNull();
  });
});

describe('studentSignOutReason', () => {
  it('asks only during a running exam whose attempt is not finished', () => {
    expect(studentSignOutReason(null)).toBeNull();
    expect(studentSignOutReason({ status: 'preparing', attemptStatus: 'joined' })).toBeNull();
    expect(studentSignOutReason({ status: 'active', attemptStatus: 'joined' })).toBe(
      'Your exam is still running. Your saved answers are kept, but the clock keeps running while you are signed out.',
    );
    expect(studentSignOutReason({ status: 'paused', attemptStatus: 'enrolled' })).toBe(
      STUDENT_SIGN_OUT_TEXT,
    );
    expect(studentSignOutReason({ status: 'active', attemptStatus: 'completed' })).toBeNull();
    expect(studentSignOutReason({ status: 'completed', attemptStatus: 'completed' })).toBeNull();
    expect(studentSignOutReason({ status: 'terminated', attemptStatus: 'joined' })).toBeNull();
  });
});
