import fc from 'fast-check';
import { EXAM_SESSION_STATUSES, type ExamSessionStatus } from '@exam/contracts';
import {
  decide,
  SESSION_COMMANDS,
  type LifecycleFacts,
  type SessionCommand,
} from './session-lifecycle';

const fresh = (status: ExamSessionStatus = 'preparing'): LifecycleFacts => ({
  status,
  launchedAt: status === 'preparing' ? null : 1_000,
  pausedAt: status === 'paused' ? 2_000 : null,
  totalPausedMs: 0,
  endedAt: null,
  endReason: null,
});

/** The expected next status for every (status, command); undefined = refused. */
const TABLE: Record<ExamSessionStatus, Partial<Record<SessionCommand, ExamSessionStatus>>> = {
  preparing: { prepare: 'preparing', launch: 'active', terminate: 'terminated' },
  active: { pause: 'paused', complete: 'completed', expire: 'completed', terminate: 'terminated' },
  paused: {
    resume: 'active',
    complete: 'completed',
    expire: 'completed',
    terminate: 'terminated',
  },
  completed: {},
  terminated: {},
};

describe('session lifecycle', () => {
  for (const status of EXAM_SESSION_STATUSES) {
    for (const command of SESSION_COMMANDS) {
      const expected = TABLE[status][command];
      it(`${status} + ${command} -> ${expected ?? 'INVALID_TRANSITION'}`, () => {
        const d = decide(fresh(status), command, 5_000);
        if (expected === undefined) {
          expect(d).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
          if (!d.ok) expect(d.message).toContain(status);
        } else {
          expect(d.ok).toBe(true);
          if (d.ok) expect(d.facts.status).toBe(expected);
        }
      });
    }
  }

  it('launch records the launch time; pause then resume adds the paused time', () => {
    let f = fresh();
    const l = decide(f, 'launch', 10_000);
    if (!l.ok) throw new Error('launch refused');
    f = l.facts;
    expect(f.launchedAt).toBe(10_000);
    const p = decide(f, 'pause', 20_000);
    if (!p.ok) throw new Error('pause refused');
    expect(p.facts.pausedAt).toBe(20_000);
    const r = decide(p.facts, 'resume', 27_500);
    if (!r.ok) throw new Error('resume refused');
    expect(r.facts).toMatchObject({ status: 'active', pausedAt: null, totalPausedMs: 7_500 });
    expect(r.event).toEqual({ type: 'resumed', pausedMs: 7_500 });
  });

  it('ending while paused folds the running pause in and records why', () => {
    const f = { ...fresh('paused'), pausedAt: 3_000, totalPausedMs: 100 };
    const c = decide(f, 'expire', 4_000);
    expect(c).toMatchObject({
      ok: true,
      facts: {
        status: 'completed',
        pausedAt: null,
        totalPausedMs: 1_100,
        endedAt: 4_000,
        endReason: 'deadline',
      },
      event: { type: 'ended', reason: 'deadline' },
    });
    const t = decide(f, 'terminate', 4_000);
    expect(t).toMatchObject({ ok: true, facts: { status: 'terminated', endReason: 'terminated' } });
  });

  it('random command sequences agree with a model (status, paused time, end time)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom(...SESSION_COMMANDS), fc.integer({ min: 0, max: 10_000 })),
          { maxLength: 40 },
        ),
        (steps) => {
          let facts = fresh();
          // The model: a status and a hand-tracked paused total.
          let status: ExamSessionStatus = 'preparing';
          let pausedTotal = 0;
          let pauseStart: number | null = null;
          let now = 0;
          for (const [command, dt] of steps) {
            now += dt;
            const expected = TABLE[status][command];
            const d = decide(facts, command, now);
            expect(d.ok).toBe(expected !== undefined);
            if (!d.ok) {
              continue;
            }
            if (status === 'paused' && expected !== 'paused' && pauseStart !== null) {
              pausedTotal += now - pauseStart;
              pauseStart = null;
            }
            if (expected === 'paused') pauseStart = now;
            if (expected === 'active' && command === 'launch') pausedTotal = 0;
            status = expected as ExamSessionStatus;
            facts = d.facts;
            expect(facts.status).toBe(status);
            expect(facts.totalPausedMs).toBe(pausedTotal);
            expect(facts.pausedAt).toBe(pauseStart);
            if (status === 'completed' || status === 'terminated') expect(facts.endedAt).toBe(now);
          }
          // Terminal states stay terminal.
          if (status === 'completed' || status === 'terminated') {
            for (const c of SESSION_COMMANDS) expect(decide(facts, c, now + 1).ok).toBe(false);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
