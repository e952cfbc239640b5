import type { AnswerAckPayload, AnswerableQuestion, AnswerValue } from '@exam/contracts';
import { answeredCount, keepLatest, RECENT_KEYS, rememberKey } from './live-state';
import { liveState, student } from './live-state.spec-helper';

const ack = (key: string): AnswerAckPayload => ({
  sessionId: 'session-1',
  questionId: 'q1',
  key,
  seq: 1,
  status: 'autosaved',
  savedAt: 1,
});

describe('rememberKey', () => {
  it('keeps the latest committed replies and forgets the oldest', () => {
    const s = student('u1');
    for (let i = 0; i < RECENT_KEYS; i++) rememberKey(s, `k${i}`, ack(`k${i}`));
    expect(s.keys.size).toBe(RECENT_KEYS);
    expect(s.keysForgotten).toBeUndefined();
    rememberKey(s, 'new', ack('new'));
    expect(s.keys.size).toBe(RECENT_KEYS);
    expect(s.keys.has('k0')).toBe(false);
    expect(s.keys.has('new')).toBe(true);
    expect(s.keysForgotten).toBe(true);
  });

  it('never forgets a write in flight, even the oldest', () => {
    const s = student('u1');
    const inFlight = new Promise<AnswerAckPayload>(() => undefined);
    rememberKey(s, 'pending', inFlight);
    for (let i = 0; i < RECENT_KEYS + 5; i++) rememberKey(s, `k${i}`, ack(`k${i}`));
    expect(s.keys.get('pending')).toBe(inFlight);
    expect(s.keys.size).toBe(RECENT_KEYS);
    // Its reply replaces the promise in place, without growing the map.
    rememberKey(s, 'pending', ack('pending'));
    expect(s.keys.size).toBe(RECENT_KEYS);
  });
});

describe('keepLatest and the answered count', () => {
  const answerable = new Map<string, AnswerableQuestion>([
    ['q1', { type: 'single_choice' }],
    ['q2', { type: 'short_text' }],
    ['q3', { type: 'matching', left: [{ id: 'l1' }, { id: 'l2' }] }],
  ]);
  const values: Record<string, AnswerValue[]> = {
    q1: [{ optionId: 'a' }, { optionId: '' }],
    q2: [{ text: 'colour' }, { text: '   ' }],
    q3: [{ pairs: { l1: 'r1', l2: 'r2' } }, { pairs: { l1: 'r1' } }],
    gone: [{ optionId: 'a' }],
  };

  it('follows every answer by one step and always equals a recount', () => {
    const st = liveState([], { answerable });
    const s = student('u1');
    const recount = () => {
      const fresh = { ...s, answeredMemo: undefined };
      return answeredCount(st, fresh);
    };
    let seed = 7;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    expect(answeredCount(st, s)).toBe(0);
    for (let seq = 1; seq <= 300; seq++) {
      const qid = ['q1', 'q2', 'q3', 'gone'][rnd(4)];
      const answer = values[qid][rnd(values[qid].length)];
      // Now and then a stale write (a lower seq) that must change nothing.
      const at = rnd(10) === 0 ? seq - 5 : seq;
      keepLatest(
        s,
        { questionId: qid, answer, key: `k${seq}`, seq: at, final: false, savedAt: seq },
        answerable,
      );
      expect(s.answeredMemo ?? answeredCount(st, s)).toBe(recount());
      if (rnd(5) === 0) answeredCount(st, s); // a push or the stats read it
    }
  });

  it('without the questions, recounts when next asked', () => {
    const st = liveState([], { answerable });
    const s = student('u1');
    expect(answeredCount(st, s)).toBe(0);
    keepLatest(s, {
      questionId: 'q1',
      answer: { optionId: 'a' },
      key: 'k',
      seq: 1,
      final: false,
      savedAt: 1,
    });
    expect(s.answeredMemo).toBeUndefined();
    expect(answeredCount(st, s)).toBe(1);
  });
});
