import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ActivityEntry, SessionActivityPage } from '@exam/contracts';
import { TeacherActivity } from './teacher-activity.service';

const URL = '/api/v1/exam-sessions/s1/activity';

function entry(id: number, type: string, at: number, studentIds: string[] = []): ActivityEntry {
  return { id, at, type, actor: null, studentIds, data: {} };
}

function page(entries: ActivityEntry[], hasMore = false): SessionActivityPage {
  return { entries, names: { a: 'Sam Student' }, hasMore };
}

describe('TeacherActivity', () => {
  let feed: TeacherActivity;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), TeacherActivity],
    });
    feed = TestBed.inject(TeacherActivity);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  const keys = () => feed.entries().map((e) => e.key);
  const answer = (p: SessionActivityPage, beforeId?: number) =>
    http
      .expectOne(
        (r) =>
          r.url === URL &&
          r.params.get('beforeId') === (beforeId === undefined ? null : String(beforeId)),
      )
      .flush(p);

  it('loads the history newest first with names, and pages back with "Show older"', () => {
    feed.start('s1');
    expect(feed.loading()).toBe(true);
    answer(page([entry(9, 'student_joined', 300, ['a']), entry(7, 'exam_launch', 200)], true));
    expect(keys()).toEqual(['h9', 'h7']);
    expect(feed.names()).toEqual({ a: 'Sam Student' });
    expect(feed.hasMore()).toBe(true);
    feed.loadOlder();
    answer(page([entry(3, 'exam_prepare', 100)]), 7);
    expect(keys()).toEqual(['h9', 'h7', 'h3']);
    expect(feed.hasMore()).toBe(false);
  });

  it('adds live lines, and drops each once a fetched page holds the same happening', () => {
    feed.start('s1');
    // A frame arrives while the first page is on its way; it is in the page too.
    feed.add({ type: 'student_joined', studentIds: ['a'], data: { rejoin: false } }, 305);
    answer(page([entry(9, 'student_joined', 300, ['a'])]));
    expect(keys()).toEqual(['h9']);
    // Live after that: shown at once.
    feed.add({ type: 'student_disconnected', studentIds: ['a'] }, 400);
    feed.add({ type: 'student_joined', studentIds: ['a'], data: { rejoin: true } }, 500);
    expect(keys()).toEqual(['l3', 'l2', 'h9']);
    // A reconnect fetches the newest page again: the stored lines replace the live ones.
    feed.refresh();
    answer(
      page([
        entry(12, 'student_joined', 501, ['a']),
        entry(11, 'student_disconnected', 400, ['a']),
        entry(9, 'student_joined', 300, ['a']),
      ]),
    );
    expect(keys()).toEqual(['h12', 'h11', 'h9']);
  });

  it('says when the history cannot be read, and keeps what it had', () => {
    feed.start('s1');
    http
      .expectOne((r) => r.url === URL)
      .flush(
        { code: 'NOT_FOUND', message: 'The exam session was not found.' },
        { status: 404, statusText: 'Not Found' },
      );
    expect(feed.error()).toBe('The exam session was not found.');
    expect(feed.loading()).toBe(false);
  });
});
