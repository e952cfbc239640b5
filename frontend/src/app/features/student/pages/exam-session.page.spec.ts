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
import { ExamSessionPage } from './exam-session.page';

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
