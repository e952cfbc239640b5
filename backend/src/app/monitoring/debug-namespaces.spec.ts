import { debugEnabled } from './debug-namespaces';

describe('debugEnabled (DEBUG=...)', () => {
  it('matches wildcards, lists and exclusions like the debug package', () => {
    expect(debugEnabled('websocket:*', 'websocket:in')).toBe(true);
    expect(debugEnabled('websocket:*', 'websocket:out')).toBe(true);
    expect(debugEnabled('', 'websocket:in')).toBe(false);
    expect(debugEnabled('http:*', 'websocket:in')).toBe(false);
    expect(debugEnabled('http:*, websocket:out', 'websocket:out')).toBe(true);
    expect(debugEnabled('*', 'websocket:in')).toBe(true);
    expect(debugEnabled('*,-websocket:in', 'websocket:in')).toBe(false);
    expect(debugEnabled('websocket.*', 'websocketXin')).toBe(false);
  });
});
