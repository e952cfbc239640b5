import {
  fromHistory,
  joinHistory,
  mergeFeed,
  sameHappening,
  unmatchedLive,
  type FeedEntry,
} from './feed-entry';

function stored(id: number, at: number, type: string, studentIds: string[] = []): FeedEntry {
  return fromHistory({ id, at, type, actor: null, studentIds, data: {} });
}

function live(n: number, at: number, type: string, studentIds: string[] = []): FeedEntry {
  return { key: `l${n}`, id: null, at, type, actorId: undefined, studentIds, data: {} };
}

describe('feed entries: history and live lines without duplicates', () => {
  it('keeps who did it from the stored entry', () => {
    const e = fromHistory({
      id: 7,
      at: 5,
      type: 'exam_pause',
      actor: { id: 't1', role: 'teacher' },
      studentIds: [],
      data: { reason: null },
    });
    expect(e).toMatchObject({ key: 'h7', id: 7, actorId: 't1' });
    expect(stored(8, 5, 'exam_expire').actorId).toBeNull();
  });

  it('a live line is the stored happening of the same kind, students and time', () => {
    const h = stored(1, 10_000, 'student_joined', ['a']);
    expect(sameHappening(live(1, 10_040, 'student_joined', ['a']), h)).toBe(true);
    expect(sameHappening(live(1, 10_040, 'student_joined', ['b']), h)).toBe(false);
    expect(sameHappening(live(1, 30_000, 'student_joined', ['a']), h)).toBe(false);
    expect(sameHappening(live(1, 10_000, 'student_left', ['a']), h)).toBe(false);
    // A live frame cannot tell a hand-in from an expiry: the stored entry wins either way.
    expect(
      sameHappening(live(1, 5, 'exam_submit', ['a']), stored(2, 5, 'attempt_expired', ['a'])),
    ).toBe(true);
    expect(sameHappening(live(1, 5, 'exam_complete'), stored(2, 5, 'exam_expire'))).toBe(true);
  });

  it('each stored entry absorbs one live line: a second return stays', () => {
    const history = [stored(3, 100, 'student_joined', ['a'])];
    const lines = [live(2, 150, 'student_joined', ['a']), live(1, 120, 'student_joined', ['a'])];
    expect(unmatchedLive(history, lines).map((l) => l.key)).toEqual(['l1']);
    // Once it absorbed one, it hides no later line.
    expect(mergeFeed(history, [lines[0]], new Set(['h3'])).map((e) => e.key)).toEqual(['l2', 'h3']);
  });

  it('a return is not the first arrival, however close in time', () => {
    const first = { ...stored(3, 100, 'student_joined', ['a']), data: { rejoin: false } };
    const back = { ...live(1, 105, 'student_joined', ['a']), data: { rejoin: true } };
    expect(sameHappening(back, first)).toBe(false);
  });

  it('merges newest first, history and what it does not hold yet', () => {
    const history = [stored(5, 300, 'exam_launch'), stored(4, 100, 'student_joined', ['a'])];
    const lines = [live(2, 900, 'student_disconnected', ['a']), live(1, 310, 'exam_launch')];
    expect(mergeFeed(history, lines).map((e) => e.key)).toEqual(['l2', 'h5', 'h4']);
  });

  it('joins a newer first page to the loaded history, or replaces it across a gap', () => {
    const loaded = [stored(20, 3, 'a'), stored(10, 2, 'b'), stored(5, 1, 'c')];
    // Overlapping: kept together, ids descending, no doubles.
    const newer = [stored(40, 5, 'd'), stored(20, 3, 'a')];
    expect(joinHistory(loaded, newer, true).map((e) => e.id)).toEqual([40, 20, 10, 5]);
    // Everything newer fits in the page: nothing can be missing in between.
    expect(joinHistory(loaded, [stored(40, 5, 'd')], false).map((e) => e.id)).toEqual([
      40, 20, 10, 5,
    ]);
    // More exist and none overlaps: a gap, so the new page replaces what was loaded.
    expect(joinHistory(loaded, [stored(90, 9, 'x')], true).map((e) => e.id)).toEqual([90]);
    expect(joinHistory([], newer, true).map((e) => e.id)).toEqual([40, 20]);
  });
});
