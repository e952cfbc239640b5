import { recordedKinds, type IntegritySignal, type ReportedSignal } from '@exam/contracts';
import {
  AHEAD_MS,
  EARLY_MS,
  NO_SIGNALS,
  addToSummary,
  sortReport,
  sortTimeline,
} from './integrity';

const all = recordedKinds({ fullscreen: true });
const report = (over: Partial<ReportedSignal>): ReportedSignal => ({
  id: 'id-00000001',
  kind: 'page_hidden',
  at: 10_000,
  ...over,
});
const signal = (at: number, kind: IntegritySignal['kind'] = 'paste'): IntegritySignal => ({
  id: `s${at}`,
  studentId: 'u',
  kind,
  at,
  durationMs: null,
  chars: 1,
  questionId: null,
  offline: false,
  detail: null,
});

describe('integrity rules', () => {
  it('records every kind by default, full screen only when asked for, and what the planner chose', () => {
    expect(recordedKinds({}).has('fullscreen_exit')).toBe(false);
    expect(recordedKinds({}).size).toBe(6);
    expect(all.has('fullscreen_exit')).toBe(true);
    expect([...recordedKinds({ integritySignals: ['paste'], fullscreen: true })]).toEqual([
      'paste',
    ]);
    expect(recordedKinds({ integritySignals: [] }).size).toBe(0);
  });

  it('keeps times inside the attempt and durations no longer than it has lasted', () => {
    const ctx = { recorded: all, startedAt: 10_000, now: 20_000 };
    const r = sortReport(
      [
        report({ id: 'early-001', at: 10_000 - EARLY_MS + 1, durationMs: 5_000 }),
        report({ id: 'late-0001', at: 20_000 + AHEAD_MS - 1, durationMs: 1 }),
        report({ id: 'long-0001', at: 15_000, durationMs: 60_000 }),
      ],
      ctx,
    );
    expect(r.problem).toBeNull();
    expect(r.keep.map((s) => [s.at, s.durationMs])).toEqual([
      [10_000, 5_000],
      [20_000, 0],
      [15_000, 5_000],
    ]);
  });

  it('refuses a report with a time outside the attempt, and sets aside kinds not recorded', () => {
    const ctx = {
      recorded: recordedKinds({ integritySignals: ['paste'] }),
      startedAt: 10_000,
      now: 20_000,
    };
    expect(sortReport([report({ at: 10_000 - EARLY_MS - 1 })], ctx).problem).toMatch(
      /signals\[0\]\.at is outside this attempt/,
    );
    expect(sortReport([report({ at: 20_000 + AHEAD_MS + 1 })], ctx).problem).not.toBeNull();
    const r = sortReport(
      [report({ id: 'hidden-01' }), report({ id: 'paste-001', kind: 'paste', chars: 3 })],
      ctx,
    );
    expect(r.ignored).toEqual(['hidden-01']);
    expect(r.keep.map((s) => s.id)).toEqual(['paste-001']);
  });

  it('counts and keeps the latest by when it happened, not when it arrived', () => {
    const s1 = addToSummary(NO_SIGNALS, [signal(5), signal(3)]);
    expect(s1).toMatchObject({ count: 2, latest: { at: 5 } });
    // Queued offline and sent late: older than the latest, so not the latest.
    expect(addToSummary(s1, [signal(1)])).toMatchObject({ count: 3, latest: { at: 5 } });
  });

  it('orders a timeline by time; at one time, connection, then signal, then answer', () => {
    const out = sortTimeline([
      { type: 'answer', at: 5, questionId: 'q', final: false },
      { type: 'signal', at: 5, signal: signal(5) },
      { type: 'connection', at: 5, change: 'rejoined', offlineMs: 1 },
      { type: 'attempt', at: 1, change: 'submitted' },
    ]);
    expect(out.map((e) => e.type)).toEqual(['attempt', 'connection', 'signal', 'answer']);
  });
});
