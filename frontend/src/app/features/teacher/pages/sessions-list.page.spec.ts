import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { storeSession, userView } from '../../../../testing/auth-fixtures';
import { pageOf, sessionView } from '../../../../testing/exam-fixtures';
import { SessionsListPage } from './sessions-list.page';

describe('SessionsListPage', () => {
  let fixture: ComponentFixture<SessionsListPage>;
  let el: HTMLElement;
  let http: HttpTestingController;
  const list = () => http.expectOne((r) => r.url === '/api/v1/exam-sessions');

  beforeEach(async () => {
    storeSession('teacher', { user: userView('teacher', { academyTimeZone: 'Europe/Paris' }) });
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(SessionsListPage);
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });
  afterEach(() => {
    http.verify();
    TestBed.resetTestingModule();
    fixture.destroy();
    sessionStorage.clear();
  });

  it('shows status, counts and average progress with a link to each live dashboard', async () => {
    list().flush(
      pageOf([
        sessionView(),
        sessionView({
          id: 's-2',
          title: 'Chemistry',
          status: 'active',
          launchedAt: Date.UTC(2026, 0, 8, 9),
          stats: {
            enrolled: 25,
            connected: 22,
            completed: 3,
            averageProgress: 41.5,
            minutesElapsed: 12,
          },
        }),
      ]),
    );
    await fixture.whenStable();
    const rows = Array.from(el.querySelectorAll('tbody tr'));
    const cells = (r: Element) =>
      Array.from(r.querySelectorAll('td')).map((td) => td.textContent?.replace(/\s+/g, ' ').trim());
    expect(cells(rows[1]).slice(1, 6)).toEqual([
      'Active12 min elapsed', // badge, then a block line
      '25',
      '22',
      '3',
      '41.5 %',
    ]);
    expect(cells(rows[0])[1]).toBe('Preparing');
    expect(rows[1].querySelector('meter')?.getAttribute('aria-label')).toBe(
      'Average progress of Chemistry',
    );
    expect(rows[1].querySelector('a')?.getAttribute('href')).toBe('/teacher/sessions/s-2/live');
  });

  it('links launched sessions to their results, naming the session', async () => {
    list().flush(
      pageOf([
        sessionView(),
        sessionView({ id: 's-2', title: 'Chemistry', status: 'active' }),
        sessionView({ id: 's-3', title: 'Biology', status: 'completed' }),
        sessionView({ id: 's-4', title: 'Physics', status: 'terminated' }),
      ]),
    );
    await fixture.whenStable();
    const results = Array.from(el.querySelectorAll('a')).filter(
      (a) => a.textContent?.trim() === 'Results',
    );
    expect(results.map((a) => a.getAttribute('href'))).toEqual([
      '/teacher/sessions/s-2/results',
      '/teacher/sessions/s-3/results',
      '/teacher/sessions/s-4/results',
    ]);
    expect(results.map((a) => a.getAttribute('aria-label'))).toEqual([
      'Results: Chemistry',
      'Results: Biology',
      'Results: Physics',
    ]);
    // Not launched yet: only its dashboard.
    const first = el.querySelectorAll('tbody tr')[0];
    expect(Array.from(first.querySelectorAll('a')).map((a) => a.textContent?.trim())).toEqual([
      'Live dashboard',
    ]);
  });

  it('filters by status', async () => {
    list().flush(pageOf([]));
    await fixture.whenStable();
    expect(el.textContent).toContain('No sessions yet');
    const select = el.querySelector<HTMLSelectElement>('#session-status')!;
    select.value = 'completed';
    select.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    const req = list();
    expect(req.request.params.get('status')).toBe('completed');
    req.flush(pageOf([]));
    await fixture.whenStable();
    expect(el.textContent).toContain('No sessions with this status');
  });
  it("writes launch and planned start times in the academy's time zone", async () => {
    list().flush(
      pageOf([
        sessionView({ id: 's-1', title: 'Planned', scheduledStartAt: Date.UTC(2026, 6, 1, 7) }),
        sessionView({
          id: 's-2',
          title: 'Running',
          status: 'active',
          launchedAt: Date.UTC(2026, 0, 8, 9, 5),
        }),
      ]),
    );
    await fixture.whenStable();
    const subs = Array.from(el.querySelectorAll('tbody tr .sub:not([data-testid])')).map((s) =>
      s.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(subs[0]).toMatch(/starts 1 Jul 2026, 09:00$/);
    expect(subs[1]).toMatch(/launched 8 Jan 2026, 10:05$/);
  });

  it('names who runs each session, marks the ones run with others, and hides results from invigilators', async () => {
    const member = (userId: string, displayName: string, role: 'co_teacher' | 'invigilator') => ({
      userId,
      displayName,
      email: `${userId}@demo.school`,
      role,
      addedAt: 1,
    });
    list().flush(
      pageOf([
        sessionView({
          id: 's-1',
          title: 'Mine',
          status: 'completed',
          staff: [member('t2', 'Ines Invigilator', 'invigilator')],
        }),
        sessionView({
          id: 's-2',
          title: 'Watched',
          status: 'active',
          teacherId: 't9',
          teacherName: 'Olga Owner',
          staff: [member('teacher-1', 'Teacher One', 'invigilator')],
        }),
        sessionView({
          id: 's-3',
          title: 'Shared',
          status: 'completed',
          teacherId: 't9',
          teacherName: 'Olga Owner',
          staff: [
            member('teacher-1', 'Teacher One', 'co_teacher'),
            member('t2', 'Ines Invigilator', 'invigilator'),
            member('t3', 'Ivo Watch', 'invigilator'),
          ],
        }),
      ]),
    );
    await fixture.whenStable();
    const rows = Array.from(el.querySelectorAll('tbody tr'));
    const text = (r: Element, sel: string) =>
      r.querySelector(sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
    expect(rows.map((r) => text(r, '[data-testid=standing-badge]'))).toEqual([
      null,
      'You invigilate',
      'Co-teacher',
    ]);
    expect(rows.map((r) => text(r, '[data-testid=run-by]'))).toEqual([
      'Run by Tess Teacher · Invigilator: Ines Invigilator',
      'Run by Olga Owner · Invigilator: Teacher One',
      'Run by Olga Owner · Co-teacher: Teacher One · Invigilators: Ines Invigilator, Ivo Watch',
    ]);
    const links = (r: Element) =>
      Array.from(r.querySelectorAll('a')).map((a) => a.textContent?.trim());
    expect(links(rows[0])).toEqual(['View', 'Results']);
    // Running, but this teacher only invigilates it: the dashboard, no results.
    expect(links(rows[1])).toEqual(['Live dashboard']);
    expect(links(rows[2])).toEqual(['View', 'Results']);
    expect(el.querySelector('[data-testid=invigilator-note]')?.textContent).toContain(
      'On sessions you invigilate you run the live exam',
    );
  });

  it('says nothing about invigilating when the teacher invigilates none of the sessions', async () => {
    list().flush(pageOf([sessionView()]));
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=invigilator-note]')).toBeNull();
    expect(el.querySelector('[data-testid=standing-badge]')).toBeNull();
  });

  it('says which planned sessions launch by themselves, and which are finishing', async () => {
    jest.spyOn(Date, 'now').mockReturnValue(Date.UTC(2026, 6, 1, 6, 0));
    const auto = { timeWarningMinutes: [5], gracePeriodSeconds: 30, allowLateJoin: true };
    list().flush(
      pageOf([
        sessionView({
          id: 's-1',
          title: 'By itself',
          scheduledStartAt: Date.UTC(2026, 6, 1, 7, 30),
          config: { ...auto, autoLaunch: true },
        }),
        sessionView({
          id: 's-2',
          title: 'By the teacher',
          scheduledStartAt: Date.UTC(2026, 6, 1, 7, 30),
          config: { ...auto, autoLaunch: false },
        }),
        sessionView({
          id: 's-3',
          title: 'Finishing',
          status: 'active',
          launchedAt: 1,
          closingAt: 2,
        }),
      ]),
    );
    await fixture.whenStable();
    const autos = Array.from(el.querySelectorAll('[data-testid=auto-launch]')).map((s) =>
      s.textContent?.trim(),
    );
    expect(autos).toEqual(['Launches by itself at 09:30']);
    const statuses = Array.from(el.querySelectorAll('tbody tr td[data-label=Status] .badge')).map(
      (b) => b.textContent?.trim(),
    );
    expect(statuses).toEqual(['Preparing', 'Preparing', 'Finishing']);
  });

  it('after planning, says students can wait in the lobby and when it launches by itself', async () => {
    list().flush(pageOf([]));
    fixture.destroy();
    jest.spyOn(Date, 'now').mockReturnValue(Date.UTC(2026, 5, 30, 6, 0));
    history.replaceState({ created: 'Biology', autoLaunchAt: Date.UTC(2026, 6, 1, 7, 30) }, '');
    fixture = TestBed.createComponent(SessionsListPage);
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    list().flush(pageOf([]));
    await fixture.whenStable();
    expect(
      el.querySelector('[data-testid=session-created]')?.textContent?.replace(/\s+/g, ' ').trim(),
    ).toBe(
      'Planned “Biology”. Students can wait in its lobby now. It launches by itself on Wed 1 Jul at 09:30, or earlier from its live dashboard.',
    );
    history.replaceState(null, '');
  });
});
