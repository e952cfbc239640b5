import { TestBed } from '@angular/core/testing';
import type { ConnectionStatus } from '@exam/contracts';
import type { RosterRow } from '../data-access/teacher-live.state';
import { LiveRosterGridComponent } from './live-roster-grid.component';

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
    score: null,
    endReason: null,
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
});
