import type { QuestionDefinition } from '@exam/contracts';
import { splitQuestion } from './question-parts';
import {
  isStoredOrder,
  ownOrder,
  planOrder,
  QUESTION_ORDER_KEY,
  seededRandom,
  shuffle,
  toStudentViews,
  VIEW_CACHE_PER_QUESTION,
  type PublicQuestion,
} from './student-view';
import { ALL, matching, ordering, single } from './fixtures.spec-helper';

const pub = (q: QuestionDefinition, i: number): PublicQuestion => {
  const { type, prompt, points, body } = splitQuestion(q);
  return { id: `q${i}`, type, prompt, points, body };
};
const QS = ALL.map(pub);
const KEY_WORDS = /correct|weight|accepted|tolerance|gradingNotes|credit|negative/i;

/** Every property name in a JSON value (prompts may say "correct"; field names may not). */
function fieldNames(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) v.forEach((x) => fieldNames(x, out));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.push(k);
      fieldNames(x, out);
    }
  }
  return out;
}

describe('seeded shuffle', () => {
  it('is reproducible for a seed and differs between seeds', () => {
    const list = Array.from({ length: 20 }, (_, i) => i);
    expect(shuffle(list, seededRandom('s1'))).toEqual(shuffle(list, seededRandom('s1')));
    expect(shuffle(list, seededRandom('s1'))).not.toEqual(shuffle(list, seededRandom('s2')));
    expect([...shuffle(list, seededRandom('s1'))].sort((a, b) => a - b)).toEqual(list);
  });
  it('gives values in [0, 1)', () => {
    const r = seededRandom('x');
    for (let i = 0; i < 1000; i++) {
      const v = r();
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
    }
  });
});

describe('planOrder', () => {
  it('keeps questions and options in place when shuffling is off, but always shuffles ordering items and matching answers', () => {
    const o = planOrder(QS, { shuffleQuestions: false, shuffleOptions: false }, 'seed');
    expect(o[QUESTION_ORDER_KEY]).toEqual(QS.map((q) => q.id));
    expect(o.q0).toBeUndefined();
    expect(o.q2).toBeUndefined();
    expect([...o.q6].sort()).toEqual(['w1', 'w2', 'w3', 'w4']);
    expect([...o.q7].sort()).toEqual(['r1', 'r2', 'r3', 'r4']);
  });
  it('shuffles questions and options when asked, reproducibly per seed', () => {
    const on = { shuffleQuestions: true, shuffleOptions: true };
    const a = planOrder(QS, on, 'student-a');
    expect(planOrder(QS, on, 'student-a')).toEqual(a);
    expect([...a[QUESTION_ORDER_KEY]].sort()).toEqual(QS.map((q) => q.id).sort());
    expect([...a.q0].sort()).toEqual(['a', 'b', 'c', 'd']);
    const seeds = Array.from({ length: 10 }, (_, i) => planOrder(QS, on, `s${i}`));
    expect(new Set(seeds.map((s) => s[QUESTION_ORDER_KEY].join())).size).toBeGreaterThan(1);
    expect(new Set(seeds.map((s) => s.q0.join())).size).toBeGreaterThan(1);
  });
  it('one question’s shuffle does not depend on the others', () => {
    const on = { shuffleQuestions: false, shuffleOptions: true };
    expect(planOrder([QS[0]], on, 'x').q0).toEqual(planOrder(QS, on, 'x').q0);
  });
});

describe('isStoredOrder', () => {
  const plain = QS.filter((q) => ['true_false', 'short_text', 'numeric', 'essay'].includes(q.type));
  it('is true when nothing is shuffled for the student, and then the views are the shared ones', () => {
    const order = planOrder(plain, { shuffleQuestions: false, shuffleOptions: true }, 'st');
    expect(isStoredOrder(plain, order)).toBe(true);
    expect(isStoredOrder(plain, {})).toBe(true);
    expect(toStudentViews(plain, order)).toEqual(toStudentViews(plain, null));
  });
  it('is false when questions or any list are in another order', () => {
    const moved = { [QUESTION_ORDER_KEY]: plain.map((q) => q.id).reverse() };
    expect(isStoredOrder(plain, moved)).toBe(false);
    expect(isStoredOrder(plain, { [QUESTION_ORDER_KEY]: plain.slice(1).map((q) => q.id) })).toBe(
      false,
    );
    // Ordering and matching questions always get a list order, whatever the settings.
    expect(
      isStoredOrder(QS, planOrder(QS, { shuffleQuestions: false, shuffleOptions: false }, 's')),
    ).toBe(false);
  });
});

describe('ownOrder', () => {
  it("is the student's order when it changes something, and null when the shared views apply", () => {
    const moved = { [QUESTION_ORDER_KEY]: QS.map((q) => q.id).reverse() };
    expect(ownOrder(QS, moved)).toBe(moved);
    expect(ownOrder(QS, { [QUESTION_ORDER_KEY]: QS.map((q) => q.id) })).toBeNull();
    expect(ownOrder(QS, {})).toBeNull();
    expect(ownOrder(QS, null)).toBeNull();
    expect(ownOrder(QS, undefined)).toBeNull();
  });
});

describe('toStudentViews', () => {
  it('never carries the key, and follows the stored order', () => {
    const order = planOrder(QS, { shuffleQuestions: true, shuffleOptions: true }, 'st');
    const views = toStudentViews(QS, order);
    expect(fieldNames(views).filter((k) => KEY_WORDS.test(k))).toEqual([]);
    expect(fieldNames(views)).toContain('options');
    expect(views.map((v) => v.id)).toEqual(order[QUESTION_ORDER_KEY]);
    expect(views.map((v) => v.position)).toEqual(views.map((_, i) => i));
    const sc = views.find((v) => v.id === 'q0');
    expect(sc?.type === 'single_choice' && sc.options.map((o) => o.id)).toEqual(order.q0);
    const m = views.find((v) => v.id === 'q7');
    expect(m?.type === 'matching' && m.right.map((o) => o.id)).toEqual(order.q7);
    expect(m?.type === 'matching' && m.left.map((o) => o.id)).toEqual(['l1', 'l2', 'l3']);
  });
  it('shows what a student needs per type', () => {
    const views = toStudentViews(QS, null);
    expect(views[0]).toEqual({
      id: 'q0',
      type: 'single_choice',
      position: 0,
      prompt: single.prompt,
      points: 2,
      options: single.options,
    });
    expect(views[1]).toEqual({
      id: 'q1',
      type: 'true_false',
      position: 1,
      prompt: ALL[1].prompt,
      points: 1,
    });
    expect(views[5]).toMatchObject({ type: 'essay', maxWords: 5 });
    expect(views[6]).toMatchObject({ type: 'ordering', items: ordering.items });
    expect(views[7]).toMatchObject({ type: 'matching', left: matching.left });
  });
  it('shares a view between students with the same position and order, and only then', () => {
    const settings = { shuffleQuestions: false, shuffleOptions: true };
    const seeds = Array.from({ length: 60 }, (_, i) => `student-${i}`);
    const all = seeds.map((seed) => {
      const order = planOrder(QS, settings, seed);
      return { order, views: toStudentViews(QS, order) };
    });
    for (const { order, views } of all) {
      // What each student sees is their own order, cached or not.
      const sc = views.find((v) => v.id === 'q0');
      expect(sc?.type === 'single_choice' && sc.options.map((o) => o.id)).toEqual(order.q0);
    }
    const q0 = (k: number) => all[k].views[0];
    const same = all.findIndex((x, k) => k > 0 && x.order.q0.join() === all[0].order.q0.join());
    const other = all.findIndex((x) => x.order.q0.join() !== all[0].order.q0.join());
    expect(same).toBeGreaterThan(0);
    expect(q0(same)).toBe(q0(0));
    expect(q0(other)).not.toBe(q0(0));
    // Fresh question objects (an edit, a regrade) never see views of the old ones.
    const edited = QS.map((q) => (q.id === 'q0' ? { ...q, prompt: 'Changed?' } : q));
    expect(toStudentViews(edited, all[0].order)[0].prompt).toBe('Changed?');
  });
  it('keeps building correct views once a question’s cache is full', () => {
    const q = pub(single, 0);
    // The question at every position from 0 to 299 (after true/false fillers), each time
    // in some order of its options: more (position, order) pairs than the cache holds.
    const fillers = Array.from({ length: 300 }, (_, i) => pub(ALL[1], 1000 + i));
    for (let i = 0; i < VIEW_CACHE_PER_QUESTION + 44; i++) {
      const list = [...fillers.slice(0, i), q];
      const order = planOrder(list, { shuffleQuestions: false, shuffleOptions: true }, `s${i}`);
      const v = toStudentViews(list, order)[i];
      expect(v.id).toBe(q.id);
      expect(v.position).toBe(i);
      expect(v.type === 'single_choice' && v.options.map((o) => o.id)).toEqual(order[q.id]);
    }
  });
  it('puts questions missing from a stored order at the end', () => {
    const views = toStudentViews(QS, { [QUESTION_ORDER_KEY]: ['q3', 'q1'] });
    expect(views.slice(0, 2).map((v) => v.id)).toEqual(['q3', 'q1']);
    expect(views).toHaveLength(QS.length);
  });
});
