import { connectionOf } from './student-connection';

describe('connectionOf', () => {
  it('says offline first, then slower mode, then the socket state', () => {
    expect(connectionOf(false, 'socket', 'open', true)).toBe('offline');
    expect(connectionOf(true, 'rest', 'failed', false)).toBe('slow');
    expect(connectionOf(true, 'socket', 'open', true)).toBe('live');
    expect(connectionOf(true, 'socket', 'open', false)).toBe('connecting');
    expect(connectionOf(true, 'socket', 'reconnecting', false)).toBe('reconnecting');
    expect(connectionOf(true, 'socket', 'failed', false)).toBe('failed');
    expect(connectionOf(true, 'socket', 'authenticating', false)).toBe('connecting');
  });
});
