import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { MyExamSessionView } from '@exam/contracts';
import { pageOf } from '../../../../testing/exam-fixtures';
import { AuthService } from '../../../core/auth/auth.service';
import { MyExamsPage } from './my-exams.page';

function mine(over: Partial<MyExamSessionView> = {}, me: Partial<MyExamSessionView['me']> = {}) {
  const v: MyExamSessionView = {
    id: 's-1',
    title: 'English - class 3B',
    status: 'active',
    examTitle: 'English Assessment',
    instructions: '',
    durationMinutes: 45,
    questionCount: 25,
    scheduledStartAt: null,
    launchedAt: 1,
    endedAt: null,
    config: { timeWarningMinutes: [5], gracePeriodSeconds: 30, allowLateJoin: true },
    resultsRelease: 'none',
    allowanceMs: 45 * 60_000,
    me: {
      id: 'ss-1',
      examSessionId: 's-1',
      studentId: 'stu-1',
      studentName: 'Sam Student',
      status: 'joined',
      extraMs: 0,
      extraTimePercent: 0,
      joinedAt: 1,
      completedAt: null,
      progress: 0,
      answeredCount: 0,
      currentQuestionId: null,
      timeSpentMs: 0,
      connectionStatus: 'connected',
      lastActivityAt: null,
      ...me,
    },
    ...over,
  };
  return v;
}

describe('MyExamsPage', () => {
  let fixture: ComponentFixture<MyExamsPage>;
  let el: HTMLElement;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        {
          provide: AuthService,
          useValue: {
            user: () => ({ displayName: 'Sam Student', academyTimeZone: 'Europe/Paris' }),
          },
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(MyExamsPage);
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });
  afterEach(() => {
    http.verify();
    TestBed.resetTestingModule();
    fixture.destroy();
  });

  async function show(list: MyExamSessionView[]): Promise<HTMLElement[]> {
    http.expectOne((r) => r.url === '/api/v1/exam-sessions').flush(pageOf(list));
    await fixture.whenStable();
    return [...el.querySelectorAll<HTMLElement>('li.session')];
  }

  it('greets the student and says when there is no exam', async () => {
    expect(el.textContent).toContain('Hello Sam Student');
    await show([]);
    expect(el.textContent).toContain('No exams yet');
  });

  it('opens live exams: waiting room while preparing, the exam while running', async () => {
    const [preparing, running] = await show([
      mine({ id: 's-p', status: 'preparing' }),
      mine({ id: 's-a', status: 'active' }),
    ]);
    expect(preparing.querySelector('a')?.textContent).toContain('Go to the waiting room');
    expect(preparing.querySelector('a')?.getAttribute('href')).toBe('/student/sessions/s-p');
    expect(preparing.querySelector('.meta')?.textContent).not.toContain('planned');
    expect(running.querySelector('a')?.textContent).toContain('Open exam');
    expect(running.querySelector('.badge')?.textContent).toContain('In progress');
  });

  it('a finished exam links to the result once released, and says so while not', async () => {
    const [released, submittedOnly, notReleased, ended] = await show([
      mine(
        { id: 's-r', status: 'completed', resultsRelease: 'full_review' },
        { status: 'completed' },
      ),
      mine({ id: 's-w', status: 'active' }, { status: 'completed' }),
      mine({ id: 's-n', status: 'completed' }, { status: 'completed' }),
      mine({ id: 's-t', status: 'terminated', resultsRelease: 'score' }, { status: 'joined' }),
    ]);
    const link = released.querySelector<HTMLAnchorElement>('[data-testid="see-result"]');
    expect(link?.textContent).toContain('See your result');
    expect(link?.getAttribute('href')).toBe('/student/results/s-r');
    expect(released.querySelector('.badge')?.textContent).toContain('Submitted');
    expect(released.querySelector('[data-testid="not-released"]')).toBeNull();

    for (const card of [submittedOnly, notReleased]) {
      expect(card.querySelector('[data-testid="see-result"]')).toBeNull();
      expect(card.querySelector('[data-testid="not-released"]')?.textContent).toContain(
        'Results not released yet',
      );
      expect(card.querySelector('a')).toBeNull();
    }
    expect(ended.querySelector('.badge')?.textContent).toContain('Ended');
    expect(ended.querySelector('[data-testid="see-result"]')?.getAttribute('href')).toBe(
      '/student/results/s-t',
    );
  });

  it('shows the server sentence when the list cannot load', async () => {
    http
      .expectOne((r) => r.url === '/api/v1/exam-sessions')
      .flush(
        { statusCode: 500, code: 'INTERNAL_ERROR', message: 'Something broke.' },
        {
          status: 500,
          statusText: 'Server Error',
        },
      );
    await fixture.whenStable();
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('Something broke.');
  });
  it("says when a session is planned to start, in the school's time zone", async () => {
    const [planned] = await show([
      mine({ status: 'preparing', scheduledStartAt: Date.UTC(2026, 6, 1, 7) }),
    ]);
    expect(planned.querySelector('.meta')?.textContent?.replace(/\s+/g, ' ')).toContain(
      'planned for Wed 1 Jul 2026, 09:00',
    );
  });

  it("shows each student's own working time, never the bare duration, and plural counts", async () => {
    const items = await show([
      mine({ id: 'a', allowanceMs: 75 * 60_000, durationMinutes: 60, questionCount: 1 }),
      mine({ id: 'b' }),
    ]);
    const meta = items.map((li) => li.querySelector('.meta')?.textContent?.replace(/\s+/g, ' '));
    expect(meta[0]).toContain('75 minutes (includes your extra time) · 1 question');
    expect(meta[0]).not.toContain('60 minutes');
    expect(meta[1]).toContain('45 minutes · 25 questions');
    expect(meta[1]).not.toContain('extra time');
  });
});
