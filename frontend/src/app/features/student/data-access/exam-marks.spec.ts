import { ExamMarks, addRange, covered, removeRange } from './exam-marks';

class MemoryStorage {
  private m = new Map<string, string>();
  getItem(k: string) {
    return this.m.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.m.set(k, v);
  }
  removeItem(k: string) {
    this.m.delete(k);
  }
}

describe('highlight ranges', () => {
  it('adds, merging overlaps and touching marks, kept sorted', () => {
    expect(addRange([[10, 20]], [0, 5])).toEqual([
      [0, 5],
      [10, 20],
    ]);
    expect(addRange([[10, 20]], [15, 30])).toEqual([[10, 30]]);
    expect(addRange([[10, 20]], [20, 25])).toEqual([[10, 25]]);
    expect(addRange([], [5, 5])).toEqual([]);
  });

  it('removes, cutting a mark in two where needed', () => {
    expect(removeRange([[0, 30]], [10, 20])).toEqual([
      [0, 10],
      [20, 30],
    ]);
    expect(removeRange([[0, 10]], [0, 10])).toEqual([]);
    expect(removeRange([[0, 10]], [20, 30])).toEqual([[0, 10]]);
  });

  it('knows when a range is marked already', () => {
    expect(covered([[0, 30]], [5, 10])).toBe(true);
    expect(covered([[0, 8]], [5, 10])).toBe(false);
  });
});

describe('ExamMarks', () => {
  it('strikes and unstrikes choices, and highlights toggle, kept for a reload', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    const a = new ExamMarks(storage, 'k');
    a.toggleStrike('q1', 'o1');
    a.toggleStrike('q1', 'o2');
    a.toggleStrike('q1', 'o1');
    expect([...a.struck('q1')]).toEqual(['o2']);
    expect(a.toggleHighlight('q1', [0, 5])).toBe(true);
    expect(a.toggleHighlight('q1', [10, 15])).toBe(true);
    expect(a.toggleHighlight('q1', [0, 5])).toBe(false);
    const b = new ExamMarks(storage, 'k');
    expect([...b.struck('q1')]).toEqual(['o2']);
    expect(b.highlights('q1')).toEqual([[10, 15]]);
    b.clearHighlights('q1');
    expect(new ExamMarks(storage, 'k').highlights('q1')).toEqual([]);
  });

  it('ignores what it cannot read', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    storage.setItem('k', '{"struck":{"q":[1,"o"]},"highlights":{"q":[[5,2],[1,3],"x"]}}');
    const m = new ExamMarks(storage, 'k');
    expect([...m.struck('q')]).toEqual(['o']);
    expect(m.highlights('q')).toEqual([[1, 3]]);
    storage.setItem('k', 'not json');
    expect(new ExamMarks(storage, 'k').marks()).toEqual({ struck: {}, highlights: {} });
  });
});
