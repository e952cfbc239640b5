import type { AnswerAckPayload } from '@exam/contracts';
import { RECENT_KEYS, rememberKey } from './live-state';
import { student } from './live-state.spec-helper';

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
