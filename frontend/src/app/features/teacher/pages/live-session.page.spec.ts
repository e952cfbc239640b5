import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { ExamSessionStatus } from '@exam/contracts';
import { storeSession, userView } from '../../../../testing/auth-fixtures';
import { sessionView } from '../../../../testing/exam-fixtures';
import { TeacherLiveSession } from '../data-access/teacher-live-session.service';
import type { FeedItem, TeacherLiveState } from '../data-access/teacher-live.state';
import { LiveSessionPage } from './live-session.page';

/** The live session service as the page reads it, driven by the test. */
class FakeLive {
  readonly state = signal<TeacherLiveState | null>(null);
  readonly feed = signal<readonly FeedItem[]>([]);
  readonly mode = signal<'socket' | 'rest'>('socket');
  readonly error = signal<string | null>(null);
  readonly removed = signal<string | null>(null);
  readonly busy = signal(false);
  readonly notice = signal('');
  readonly serverNow = signal(0);
  readonly remainingMs = signal<number | null>(600_000);
  readonly connectedCount = signal(0);
  start = jest.fn();
  command = jest.fn();
  addTime = jest.fn();
  broadcast = jest.fn();
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
      set: { providers: [{ provide: TeacherLiveSession, useValue: live }] },
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
});
