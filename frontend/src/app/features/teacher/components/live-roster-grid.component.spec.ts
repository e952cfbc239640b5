import { TestBed } from '@angular/core/testing';
import type { AttemptScore, ConnectionStatus } from '@exam/contracts';
import type { RosterRow } from '../data-access/teacher-live.state';
import { LiveRosterGridComponent, scoreCell } from './live-roster-grid.component';

function row(
  studentId: string,
  displayName: string,
  connectionStatus: ConnectionStatus,
): RosterRow {
  return {
    studentId,
    studentSessionId: `ss-${studentId}`,
    displayName,
    status: connectionStatus === 'not_joined' ? 'enrolled' : 'joined',
    connectionStatus,
    answered: 0,
    total: 5,
    progress: 0,
    currentQuestionId: null,
    timeSpentMs: 0,
    joinedAt: connectionStatus === 'not_joined' ? null : 1,
    completedAt: null,
    lastActivityAt: null,
    deadline: null,
    extraMs: 0,
    extraTimePercent: 0,
    allowanceMs: 30 * 60_000,
    score: null,
    endReason: null,
    signals: { count: 0, latest: null },
    syncedAt: 0,
  };
}

describe('LiveRosterGridComponent', () => {
  it('renders every connection status, including reconnecting', () => {
    const fixture = TestBed.createComponent(LiveRosterGridComponent);
    fixture.componentRef.setInput('rows', [
      row('a', 'Ann', 'connected'),
      row('b', 'Ben', 'reconnecting'),
      row('c', 'Cat', 'disconnected'),
      row('d', 'Dan', 'not_joined'),
    ]);
    fixture.componentRef.setInput('serverNow', 10);
    fixture.componentRef.setInput('status', 'active');
    fixture.detectChanges();
    const cells = [
      ...(fixture.nativeElement as HTMLElement).querySelectorAll('[data-testid="row-connection"]'),
    ];
    const byState = Object.fromEntries(
      cells.map((c) => [c.getAttribute('data-conn'), c.textContent?.trim()]),
    );
    expect(byState['reconnecting']).toBe('Reconnecting');
    expect(byState['connected']).toBe('Connected');
    expect(byState['disconnected']).toBe('Disconnected');
    expect(Object.keys(byState)).toHaveLength(4);
  });

  it('offers Remove per student only when asked (before launch, staff who plan)', () => {
    const fixture = TestBed.createComponent(LiveRosterGridComponent);
    fixture.componentRef.setInput('rows', [row('a', 'Ann', 'connected')]);
    fixture.componentRef.setInput('serverNow', 10);
    fixture.componentRef.setInput('status', 'preparing');
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="row-remove"]')).toBeNull();
    fixture.componentRef.setInput('removable', true);
    fixture.detectChanges();
    const headers = [...el.querySelectorAll('th')].map((h) => h.textContent?.trim());
    expect(headers.at(-1)).toBe('Lobby');
    const asked: RosterRow[] = [];
    fixture.componentInstance.remove.subscribe((r) => asked.push(r));
    const button = el.querySelector<HTMLButtonElement>('[data-testid="row-remove"]')!;
    expect(button.textContent?.replace(/\s+/g, ' ').trim()).toBe('Remove Ann');
    button.click();
    expect(asked.map((r) => r.studentId)).toEqual(['a']);
  });

  it('shows the score and result in words of each finished student, and updates it', async () => {
    const score = (over: Partial<AttemptScore>): AttemptScore => ({
      score: 27,
      maxScore: 39,
      percent: 69.23,
      result: 'passed',
      pendingManual: 0,
      gradedAt: 1,
      ...over,
    });
    const done = (r: RosterRow, s: AttemptScore | null, endReason: RosterRow['endReason']) => ({
      ...r,
      status: 'completed' as const,
      score: s,
      endReason,
    });
    const rows = [
      done(row('a', 'Ann', 'disconnected'), score({}), 'submitted'),
      done(
        row('b', 'Ben', 'disconnected'),
        score({ score: 12.5, percent: 32.05, result: 'failed' }),
        'deadline',
      ),
      done(
        row('c', 'Cat', 'disconnected'),
        score({ result: 'pending', pendingManual: 1 }),
        'submitted',
      ),
      row('d', 'Dan', 'connected'),
      {
        ...row('e', 'Eve', 'not_joined'),
        score: score({ score: 0, percent: 0, result: null }),
        endReason: 'absent' as const,
      },
    ];
    const fixture = TestBed.createComponent(LiveRosterGridComponent);
    fixture.componentRef.setInput('rows', rows);
    fixture.componentRef.setInput('serverNow', 10);
    fixture.componentRef.setInput('status', 'completed');
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const cell = (name: string) => {
      const td = el.querySelector(`tr[data-student="${name}"] [data-testid="row-score"]`);
      const parts = td?.querySelector('div')?.children ?? td?.children ?? [];
      return [...parts].map((c) => c.textContent?.replace(/\s+/g, ' ').trim());
    };
    expect(cell('Ann')).toEqual(['27 / 39 · 69.23 %', '✓ Passed']);
    expect(cell('Ben')).toEqual(['12.5 / 39 · 32.05 %', '✗ Failed']);
    expect(cell('Cat')).toEqual(['27 / 39 · 69.23 %', '◷ Awaiting grading']);
    expect(cell('Dan')).toEqual(['–']);
    expect(cell('Eve')).toEqual(['– Did not take part']);
    expect(el.querySelector('th[aria-sort] button')).not.toBeNull();

    // attempt_graded (through the reducer) hands the grid a new row: the cell follows.
    fixture.componentRef.setInput('rows', [
      done(row('c', 'Cat', 'disconnected'), score({ score: 31, percent: 79.49 }), 'submitted'),
    ]);
    await fixture.whenStable();
    expect(cell('Cat')).toEqual(['31 / 39 · 79.49 %', '✓ Passed']);
  });

  it('leaves the score column out for invigilators, even when scores arrive', async () => {
    const fixture = TestBed.createComponent(LiveRosterGridComponent);
    const graded = {
      ...row('a', 'Ann', 'connected'),
      status: 'completed' as const,
      score: {
        score: 4,
        maxScore: 5,
        percent: 80,
        result: 'passed',
        pendingManual: 0,
        gradedAt: 1,
      } satisfies AttemptScore,
    };
    fixture.componentRef.setInput('rows', [graded]);
    fixture.componentRef.setInput('serverNow', 10);
    fixture.componentRef.setInput('status', 'active');
    fixture.componentRef.setInput('showScores', false);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="row-score"]')).toBeNull();
    const headers = [...el.querySelectorAll('th')].map((th) => th.textContent?.trim());
    expect(headers).not.toContain('Score');
    expect(headers).toHaveLength(9);
    expect(el.textContent).not.toContain('80');
  });

  it('scoreCell: nothing while the attempt is open', () => {
    expect(scoreCell({ score: null, endReason: null })).toBeNull();
  });

  async function grid(rows: RosterRow[], status: 'preparing' | 'active' | 'completed', extra = 0) {
    const fixture = TestBed.createComponent(LiveRosterGridComponent);
    fixture.componentRef.setInput('rows', rows);
    fixture.componentRef.setInput('serverNow', 10);
    fixture.componentRef.setInput('status', status);
    fixture.componentRef.setInput('questionNumbers', { q3: 3 });
    fixture.componentRef.setInput('sessionExtraMs', extra);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const cells = (name: string) =>
      Array.from(el.querySelectorAll(`tr[data-student="${name}"] td`)).map((td) =>
        (td.textContent ?? '').replace(/\s+/g, ' ').trim(),
      );
    return { fixture, el, cells };
  }

  it('before launch: who waits in the lobby and who has not joined, no question yet', async () => {
    const { cells, el } = await grid(
      [row('a', 'Ann', 'connected'), row('b', 'Ben', 'not_joined')],
      'preparing',
    );
    // Student, connection, question, answered, time spent, working time, status, score, flags.
    expect(cells('Ann')[2]).toBe('–');
    expect(cells('Ann')[6]).toBe('In the lobby');
    expect(cells('Ben')[6]).toBe('Not joined');
    expect(el.textContent).toContain('2 of 2 students shown');
  });

  it('after launch: Q1 until they move, working, and how each attempt ended', async () => {
    const moved = { ...row('c', 'Cat', 'connected'), currentQuestionId: 'q3' };
    const { cells, el } = await grid(
      [row('a', 'Ann', 'connected'), moved, row('b', 'Ben', 'not_joined')],
      'active',
    );
    expect(cells('Ann').slice(2, 3)).toEqual(['Q1']);
    expect(cells('Cat')[2]).toBe('Q3');
    expect(cells('Ann')[6]).toBe('Working');
    expect(cells('Ben')[2]).toBe('–');
    expect(el.textContent).toContain('3 of 3 students shown');
    const ended = (id: string, name: string, endReason: RosterRow['endReason']): RosterRow => ({
      ...row(id, name, 'disconnected'),
      status: 'completed',
      endReason,
    });
    const done = await grid(
      [
        ended('a', 'Ann', 'submitted'),
        ended('b', 'Ben', 'deadline'),
        ended('c', 'Cat', 'teacher'),
        ended('d', 'Dan', 'terminated'),
        ended('e', 'Eve', 'absent'),
      ],
      'completed',
    );
    expect(['Ann', 'Ben', 'Cat', 'Dan', 'Eve'].map((n) => done.cells(n)[6])).toEqual([
      'Handed in',
      'Time ran out',
      'Ended by the teacher',
      'Exam terminated',
      'Absent',
    ]);
  });

  it("shows every student's own working time, with the accommodation and added time", async () => {
    const sol = { ...row('s', 'Sol', 'connected'), extraTimePercent: 25, allowanceMs: 75 * 60_000 };
    const ann = { ...row('a', 'Ann', 'connected'), allowanceMs: 60 * 60_000 };
    const { cells, el } = await grid([sol, ann], 'active');
    expect(cells('Sol')[5]).toBe('75 min (+25 %)');
    expect(cells('Ann')[5]).toBe('60 min');
    expect(
      el
        .querySelector('tr[data-student="Sol"] [data-testid=row-extra] span')
        ?.getAttribute('title'),
    ).toBe('75 minutes: 25 % extra time');
    const later = await grid(
      [{ ...sol, extraMs: 300_000, allowanceMs: 81 * 60_000 }],
      'active',
      60_000,
    );
    expect(later.cells('Sol')[5]).toBe('81 min (+25 %, +6 min)');
    const th = Array.from(later.el.querySelectorAll('th')).map((h) => h.textContent?.trim());
    expect(th).toContain('Working time');
  });
});
