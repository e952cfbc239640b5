import { ExpiryWheel, SLOT_MS } from './expiry-wheel';

const T0 = 1_800_000_000_000; // a multiple of SLOT_MS

describe('ExpiryWheel', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.setSystemTime(T0);
  });
  afterEach(() => jest.useRealTimers());

  function wheel() {
    const fired: Array<[string, number]> = [];
    const w = new ExpiryWheel<string>((item) => fired.push([item, Date.now()]));
    return { w, fired };
  }

  it('fires each item at its deadline or up to one slot later, never early', () => {
    const { w, fired } = wheel();
    const at = { a: T0 + 1_000, b: T0 + 1_001, c: T0 + 1_249, d: T0 + 5_000 };
    for (const [k, t] of Object.entries(at)) w.add(k, t);
    jest.advanceTimersByTime(999);
    expect(fired).toEqual([]);
    jest.advanceTimersByTime(10_000);
    expect(fired.map(([k]) => k).sort()).toEqual(['a', 'b', 'c', 'd']);
    for (const [k, when] of fired) {
      const due = at[k as keyof typeof at];
      expect(when).toBeGreaterThanOrEqual(due);
      expect(when - due).toBeLessThan(SLOT_MS);
    }
    expect(w.size).toBe(0);
  });

  it('shares one timer per slot, and drops it when its last item is removed', () => {
    const { w, fired } = wheel();
    const slotA = w.add('a', T0 + 300);
    const slotB = w.add('b', T0 + 400);
    expect(slotA).toBe(slotB);
    expect(jest.getTimerCount()).toBe(1);
    w.remove('a', slotA);
    expect(jest.getTimerCount()).toBe(1);
    w.remove('b', slotB);
    expect(jest.getTimerCount()).toBe(0);
    jest.advanceTimersByTime(1_000);
    expect(fired).toEqual([]);
  });

  it('lets an item be scheduled again from its own firing (warn, then close)', () => {
    const { w, fired } = wheel();
    const w2 = new ExpiryWheel<string>((item) => {
      fired.push([item, Date.now()]);
      if (item === 'warn') w2.add('close', Date.now() + 30_000);
    });
    w2.add('warn', T0 + 60_000);
    jest.advanceTimersByTime(60_000);
    expect(fired).toEqual([['warn', T0 + 60_000]]);
    jest.advanceTimersByTime(30_000);
    expect(fired).toEqual([
      ['warn', T0 + 60_000],
      ['close', T0 + 90_000],
    ]);
    expect(w.size).toBe(0);
  });

  it('a deadline already past fires on the next turn; clear forgets everything', () => {
    const { w, fired } = wheel();
    w.add('late', T0 - 5_000);
    jest.advanceTimersByTime(0);
    expect(fired.map(([k]) => k)).toEqual(['late']);
    w.add('x', T0 + 1_000);
    w.clear();
    jest.advanceTimersByTime(2_000);
    expect(fired.map(([k]) => k)).toEqual(['late']);
    expect(jest.getTimerCount()).toBe(0);
  });
});
