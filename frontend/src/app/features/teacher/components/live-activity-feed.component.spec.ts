import { TestBed } from '@angular/core/testing';
import { storeSession, userView } from '../../../../testing/auth-fixtures';
import type { FeedEntry } from '../data-access/feed-entry';
import { LiveActivityFeedComponent } from './live-activity-feed.component';

const AT = Date.UTC(2026, 2, 10, 9, 5, 7); // 10:05:07 in Paris

function entry(key: string, type: string, over: Partial<FeedEntry> = {}): FeedEntry {
  return { key, id: 1, at: AT, type, actorId: null, studentIds: ['a'], data: {}, ...over };
}

describe('LiveActivityFeedComponent', () => {
  beforeEach(() => {
    storeSession('teacher', { user: userView('teacher', { academyTimeZone: 'Europe/Paris' }) });
  });
  afterEach(() => sessionStorage.clear());

  it('writes each entry in words at the academy time, and pages back on request', async () => {
    const fixture = TestBed.createComponent(LiveActivityFeedComponent);
    fixture.componentRef.setInput('entries', [
      entry('h3', 'student_joined', { data: { rejoin: true, offlineMs: 120_000 } }),
      entry('h2', 'student_disconnected'),
      entry('h1', 'exam_submit', { studentIds: ['b'] }),
    ]);
    fixture.componentRef.setInput('names', { a: 'Sam Student', b: 'Sol Student' });
    fixture.componentRef.setInput('hasMore', true);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const lines = Array.from(el.querySelectorAll('[data-testid=activity-feed] li')).map((li) =>
      (li.textContent ?? '').replace(/\s+/g, ' ').trim(),
    );
    expect(lines).toEqual([
      '10:05:07 Sam Student is back after 2 min',
      '10:05:07 Sam Student lost connection',
      '10:05:07 Sol Student handed in',
    ]);
    expect(el.querySelector('li')?.getAttribute('data-tone')).toBe('success');
    const older = jest.fn();
    fixture.componentInstance.older.subscribe(older);
    el.querySelector<HTMLButtonElement>('[data-testid=feed-older]')!.click();
    expect(older).toHaveBeenCalled();
  });

  it('says what will appear, or that it is loading, or why it failed', async () => {
    const fixture = TestBed.createComponent(LiveActivityFeedComponent);
    fixture.componentRef.setInput('entries', []);
    fixture.componentRef.setInput('loading', true);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.textContent).toContain('Loading what happened so far');
    expect(el.querySelector('[data-testid=feed-older]')).toBeNull();
    fixture.componentRef.setInput('loading', false);
    fixture.componentRef.setInput('error', 'Cannot reach the server.');
    await fixture.whenStable();
    expect(el.textContent).toContain('Arrivals, dropped connections, hand-ins and messages');
    expect(el.querySelector('[role=alert]')?.textContent).toContain('Cannot reach the server.');
  });
});
