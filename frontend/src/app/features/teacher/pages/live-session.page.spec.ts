import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { ExamSessionStatus } from '@exam/contracts';
import { storeSession, userView } from '../../../../testing/auth-fixtures';
import { sessionView } from '../../../../testing/exam-fixtures';
import { SignOutCheck } from '../../../core/layout/sign-out-check';
import type { FeedEntry } from '../data-access/feed-entry';
import { TeacherActivity } from '../data-access/teacher-activity.service';
import { TeacherLiveSession } from '../data-access/teacher-live-session.service';
import type { RosterRow, TeacherLiveState } from '../data-access/teacher-live.state';
import { LiveSessionPage, TEACHER_SIGN_OUT_TEXT } from './live-session.page';

/** The live session service as the page reads it, driven by the test. */
class FakeLive {
  readonly state = signal<TeacherLiveState | null>(null);
  readonly mode = signal<'socket' | 'rest'>('socket');
  readonly error = signal<string | null>(null);
  readonly removed = signal<string | null>(null);
  readonly joined = signal(true);
  readonly busy = signal(false);
  readonly notice = signal('');
  readonly serverNow = signal(0);
  readonly remainingMs = signal<number | null>(600_000);
  readonly connectedCount = signal(0);
  start = jest.fn();
  command = jest.fn();
  complete = jest.fn();
  addTime = jest.fn();
  broadcast = jest.fn();
}

/** The activity feed as the page reads it. */
class FakeActivity {
  readonly entries = signal<readonly FeedEntry[]>([]);
  readonly names = signal<Record<string, string>>({});
  readonly hasMore = signal(false);
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);
  loadOlder = jest.fn();
}

function liveState(status: ExamSessionStatus): TeacherLiveState {
  return {
    sessionId: 's-1',
    title: 'English - demo class',
    status,
    durationMinutes: 60,
    config: { timeWarningMinutes: [5], gracePeriodSeconds: 30, allowLateJoin: true },
    launchedAt: status === 'preparing' ? null : 1,
    pausedAt: null,
    endedAt: null,
    closingAt: null,
    deadline: status === 'preparing' ? null : 3_600_001,
    totalPausedMs: 0,
    extraMs: 0,
    questionCount: 0,
    stats: { enrolled: 0, connected: 0, completed: 0, averageProgress: 0, minutesElapsed: 0 },
    roster: [],
  };
}

describe('LiveSessionPage, by who is looking', () => {
  let fixture: ComponentFixture<LiveSessionPage>;
  let el: HTMLElement;
  let http: HttpTestingController;
  let live: FakeLive;

  const ines = {
    userId: 't2',
    displayName: 'Ines Invigilator',
    email: 'ines@demo.school',
    role: 'invigilator' as const,
    addedAt: 1,
  };

  async function open(userId: string, status: ExamSessionStatus = 'active') {
    storeSession('teacher', { user: userView('teacher', { id: userId }) });
    live = new FakeLive();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    TestBed.overrideComponent(LiveSessionPage, {
      set: {
        providers: [
          { provide: TeacherLiveSession, useValue: live },
          { provide: TeacherActivity, useValue: new FakeActivity() },
        ],
      },
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(LiveSessionPage);
    fixture.componentRef.setInput('id', 's-1');
    el = fixture.nativeElement as HTMLElement;
    live.state.set(liveState(status));
    await fixture.whenStable();
    http
      .expectOne('/api/v1/exam-sessions/s-1')
      .flush(
        sessionView({ teacherId: 'teacher-1', teacherName: 'Tom Teacher', status, staff: [ines] }),
      );
    await fixture.whenStable();
    http.expectOne('/api/v1/exams/e1').flush({ questions: [] });
    await fixture.whenStable();
  }

  afterEach(() => {
    http.verify();
    TestBed.resetTestingModule();
    sessionStorage.clear();
  });

  it('gives the owner the results link and the way to change the staff', async () => {
    await open('teacher-1');
    expect(live.start).toHaveBeenCalledWith('s-1');
    expect(el.querySelector('[data-testid=results-link]')?.textContent).toContain('Results so far');
    expect(Array.from(el.querySelectorAll('th')).map((th) => th.textContent?.trim())).toContain(
      'Score',
    );
    const panel = el.querySelector('[data-testid=staff-panel]')!;
    expect(panel.textContent).toContain('Ines Invigilator');
    expect(panel.textContent).toContain('Change staff');
    expect(el.querySelector('[data-testid=invigilator-note]')).toBeNull();
  });

  it('runs the exam for an invigilator without results or staff changes, and says why', async () => {
    await open('t2');
    expect(el.querySelector('[data-testid=results-link]')).toBeNull();
    const headers = Array.from(el.querySelectorAll('th')).map((th) => th.textContent?.trim());
    expect(headers).not.toContain('Score');
    expect(el.querySelector('[data-testid=invigilator-note]')?.textContent).toContain(
      "You invigilate: you run the live exam. Its results and plan are for the session's teachers.",
    );
    const panel = el.querySelector('[data-testid=staff-panel]')!;
    expect(panel.textContent).not.toContain('Change staff');
    // The live controls stay theirs.
    expect(el.textContent).toContain('Pause');
  });

  it("replaces the dashboard with a clear notice once removed from the session's staff", async () => {
    await open('t2');
    live.removed.set("You were removed from this session's staff, so its live view closed.");
    await fixture.whenStable();
    expect(el.querySelector('h1')?.textContent).toBe("You were removed from this session's staff");
    expect(el.textContent).toContain('so its live view closed.');
    expect(el.querySelector('exam-live-controls')).toBeNull();
    expect(
      Array.from(el.querySelectorAll('a'))
        .find((a) => a.textContent?.includes('Back to your sessions'))
        ?.getAttribute('href'),
    ).toBe('/teacher/sessions');
  });

  function student(id: string, name: string, over: Partial<RosterRow> = {}): RosterRow {
    return {
      studentId: id,
      studentSessionId: `ss-${id}`,
      displayName: name,
      status: 'joined',
      connectionStatus: 'connected',
      answered: 0,
      total: 25,
      progress: 0,
      currentQuestionId: null,
      timeSpentMs: 0,
      joinedAt: 1,
      completedAt: null,
      lastActivityAt: null,
      deadline: 3_600_001,
      extraMs: 0,
      extraTimePercent: 0,
      allowanceMs: 3_600_000,
      score: null,
      endReason: null,
      signals: { count: 0, latest: null },
      syncedAt: 0,
      ...over,
    };
  }
  const click = (label: string) =>
    Array.from(el.querySelectorAll('button'))
      .find((b) => b.textContent?.trim() === label)!
      .click();

  it('asks before launching, with who is in the lobby, and launches on "Launch now"', async () => {
    await open('teacher-1', 'preparing');
    live.state.update((s) => ({
      ...s!,
      roster: [
        student('a', 'Ann'),
        student('b', 'Ben', { joinedAt: null, status: 'enrolled', connectionStatus: 'not_joined' }),
      ],
    }));
    click('Launch exam…');
    await fixture.whenStable();
    expect(live.command).not.toHaveBeenCalled();
    expect(el.querySelector('[data-testid=launch-confirm]')?.textContent).toContain(
      '1 student is in the lobby.',
    );
    click('Cancel');
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=launch-confirm]')).toBeNull();
    click('Launch exam…');
    await fixture.whenStable();
    click('Launch now');
    expect(live.command).toHaveBeenCalledWith('launch', undefined, expect.any(Function));
    // The server agreed: the question goes away.
    (live.command.mock.calls[0][2] as () => void)();
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=launch-confirm]')).toBeNull();
  });

  it('asks before ending, naming who is still working, and lets everyone finish their own time', async () => {
    await open('teacher-1', 'active');
    live.serverNow.set(600_001);
    live.state.update((s) => ({
      ...s!,
      roster: [
        student('a', 'Sam Student'),
        student('c', 'Sol Student', { deadline: 4_500_001, extraTimePercent: 25 }),
        student('d', 'Sara Student', { status: 'completed', endReason: 'submitted' }),
      ],
    }));
    click('Complete exam…');
    await fixture.whenStable();
    const items = Array.from(el.querySelectorAll('[data-testid=still-working] li')).map((li) =>
      li.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(items[0]).toContain('Sol Student – 1:05:00 left');
    expect(items[1]).toContain('Sam Student – 50:00 left');
    expect(items).toHaveLength(2);
    click('Let everyone finish their own time');
    expect(live.complete).toHaveBeenCalledWith('own_time', expect.any(Function));
    (live.complete.mock.calls[0][1] as () => void)();
    // The server says so with exam_closing: the dashboard shows it finishing.
    live.state.update((s) => ({ ...s!, closingAt: 600_000 }));
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=complete-confirm]')).toBeNull();
    expect(el.querySelector('[data-testid=closing-summary]')?.textContent).toContain(
      '2 students still working',
    );
    expect(el.querySelector('[data-testid=session-status]')?.textContent?.trim()).toBe('Finishing');
    // "End now" stays at hand, and asks once more.
    click('End now…');
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=complete-confirm] h3')?.textContent?.trim()).toBe(
      'End the exam now?',
    );
    click('End now');
    expect(live.complete).toHaveBeenLastCalledWith('now', expect.any(Function));
  });

  it("shows the server's refusal inside the question", async () => {
    await open('teacher-1', 'paused');
    live.state.update((s) => ({ ...s!, roster: [student('a', 'Ann')] }));
    click('Complete exam…');
    live.error.set('Resume the exam first.');
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=complete-error]')?.textContent).toContain(
      'Resume the exam first.',
    );
    expect(el.querySelectorAll('[role=alert]')).toHaveLength(1);
  });

  it('asks before signing out only while the exam runs', async () => {
    await open('teacher-1', 'preparing');
    const check = TestBed.inject(SignOutCheck);
    expect(check.reason()).toBeNull();
    live.state.update((s) => ({ ...s!, status: 'active' }));
    await fixture.whenStable();
    expect(check.reason()).toBe(TEACHER_SIGN_OUT_TEXT);
    fixture.destroy();
    expect(check.reason()).toBeNull();
  });
});
