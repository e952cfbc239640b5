import type { IntegritySignal } from '@exam/contracts';
import { durationText, signalText, summaryText, timelineText } from './signal-text';

const sig = (over: Partial<IntegritySignal>): IntegritySignal => ({
  id: 'x',
  studentId: 's',
  kind: 'page_hidden',
  at: 0,
  durationMs: null,
  chars: null,
  questionId: null,
  offline: false,
  detail: null,
  ...over,
});

describe('signals in the teacher’s words', () => {
  it('says how long, and where', () => {
    expect(durationText(4_000)).toBe('4 s');
    expect(durationText(364_000)).toBe('6 min 4 s');
    expect(durationText(3_720_000)).toBe('1 h 2 min');
    const numbers = { q12: 12 };
    expect(signalText(sig({ durationMs: 364_000, questionId: 'q12' }), numbers)).toBe(
      'Page hidden for 6 min 4 s, question 12',
    );
    expect(signalText(sig({ kind: 'page_hidden', durationMs: 4_000, offline: true }))).toBe(
      'Page hidden for 4 s (while offline)',
    );
    expect(signalText(sig({ kind: 'paste', chars: 1 }))).toBe('Pasted 1 character');
    expect(signalText(sig({ kind: 'new_ip', detail: { ip: '10.0.0.5' } }))).toBe(
      'Joined from a new network address (10.0.0.5)',
    );
    expect(signalText(sig({ kind: 'reconnect', durationMs: 120_000 }))).toBe(
      'Reconnected after 2 min',
    );
    expect(summaryText({ count: 3, latest: sig({ kind: 'paste', chars: 42 }) })).toBe(
      '3 · latest: Pasted 42 characters',
    );
    expect(summaryText({ count: 0, latest: null })).toBe('');
  });

  it('writes each line of a timeline', () => {
    const n = { q1: 1 };
    expect(timelineText({ type: 'answer', at: 0, questionId: 'q1', final: false }, n)).toBe(
      'Saved an answer to question 1',
    );
    expect(
      timelineText({ type: 'connection', at: 0, change: 'rejoined', offlineMs: 5_000 }, n),
    ).toBe('Back after 5 s');
    expect(timelineText({ type: 'connection', at: 0, change: 'gone', offlineMs: null }, n)).toBe(
      'Did not come back within the reconnect time',
    );
    expect(timelineText({ type: 'attempt', at: 0, change: 'submitted' }, n)).toBe('Handed in');
  });
});
