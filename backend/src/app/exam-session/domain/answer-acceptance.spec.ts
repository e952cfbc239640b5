import { decideAnswer, type AcceptanceInput } from './answer-acceptance';

const base: AcceptanceInput = {
  sessionStatus: 'active',
  attemptStatus: 'joined',
  deadline: 100_000,
  graceMs: 30_000,
  now: 50_000,
  storedSeq: undefined,
  seq: 1,
};

describe('answer acceptance', () => {
  it('accepts a first answer while active and before the deadline', () => {
    expect(decideAnswer(base)).toEqual({ kind: 'accept' });
    expect(decideAnswer({ ...base, attemptStatus: 'enrolled' })).toEqual({ kind: 'accept' });
  });

  it('accepts inside the grace period, refuses as late after it (even if the session is still active)', () => {
    expect(decideAnswer({ ...base, now: 130_000 })).toEqual({ kind: 'accept' });
    expect(decideAnswer({ ...base, now: 130_001 }).kind).toBe('late');
    expect(decideAnswer({ ...base, now: 130_001, sessionStatus: 'completed' }).kind).toBe('late');
  });

  it('reports stale when the seq is not newer than the stored one', () => {
    expect(decideAnswer({ ...base, storedSeq: 5, seq: 5 })).toEqual({
      kind: 'stale',
      currentSeq: 5,
    });
    expect(decideAnswer({ ...base, storedSeq: 5, seq: 4 })).toEqual({
      kind: 'stale',
      currentSeq: 5,
    });
    expect(decideAnswer({ ...base, storedSeq: 5, seq: 6 })).toEqual({ kind: 'accept' });
  });

  it('refuses with a code: not enrolled, not live, paused, submitted', () => {
    expect(decideAnswer({ ...base, attemptStatus: null })).toMatchObject({ code: 'NOT_ENROLLED' });
    for (const s of ['preparing', 'paused', 'terminated'] as const) {
      expect(decideAnswer({ ...base, sessionStatus: s })).toMatchObject({
        kind: 'refuse',
        code: 'SESSION_NOT_LIVE',
      });
    }
    expect(decideAnswer({ ...base, attemptStatus: 'completed' })).toMatchObject({
      code: 'ALREADY_COMPLETED',
    });
  });
});
