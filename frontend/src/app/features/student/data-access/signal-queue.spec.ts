import type { ClientSignalKind } from '@exam/contracts';
import { SignalQueue } from './signal-queue';

class MemoryStorage {
  data = new Map<string, string>();
  getItem = (k: string) => this.data.get(k) ?? null;
  setItem = (k: string, v: string) => void this.data.set(k, v);
  removeItem = (k: string) => void this.data.delete(k);
}

describe('the signals kept on the device', () => {
  let now = 1_000;
  let n = 0;
  const storage = new MemoryStorage();
  const all = new Set<ClientSignalKind>(['page_hidden', 'focus_lost', 'fullscreen_exit', 'paste']);
  const make = (recorded: ReadonlySet<ClientSignalKind> = all) =>
    new SignalQueue({
      storage: storage as unknown as Storage,
      storageKey: 'k',
      serverNow: () => now,
      newId: () => `id-${++n}`,
      recorded: () => recorded,
    });

  beforeEach(() => {
    storage.data.clear();
    now = 1_000;
  });

  it('measures how long the page was hidden, and keeps what was on screen and whether offline', () => {
    const q = make();
    q.begin('page_hidden', 'q12', true);
    now += 6_000;
    q.begin('page_hidden', 'q13', false); // already open: the first one counts
    now += 1_000;
    q.end('page_hidden');
    expect(q.nextReport()).toEqual([
      {
        id: expect.any(String),
        kind: 'page_hidden',
        at: 1_000,
        durationMs: 7_000,
        questionId: 'q12',
        offline: true,
      },
    ]);
  });

  it('counts a paste, never its content, and queues only what the session records', () => {
    const q = make(new Set(['paste']));
    q.begin('focus_lost', undefined, false);
    q.end('focus_lost');
    q.paste(42, 'q3', false);
    expect(q.nextReport()).toEqual([
      { id: expect.any(String), kind: 'paste', at: 1_000, chars: 42, questionId: 'q3' },
    ]);
  });

  it('survives a reload, and forgets only what the server acknowledged', () => {
    const q = make();
    q.paste(1, undefined, false);
    q.paste(2, undefined, false);
    const first = q.nextReport();
    expect(first).toHaveLength(2);
    // In flight: not sent twice, until resent on purpose.
    expect(q.nextReport()).toEqual([]);
    expect(q.nextReport(true)).toHaveLength(2);
    q.acked([first[0].id]);
    const again = make();
    expect(again.size).toBe(1);
    expect(again.nextReport()[0].chars).toBe(2);
    again.acked([first[1].id]);
    expect(storage.data.has('k')).toBe(false);
  });

  it('a cancelled start queues nothing (focus lost because the page was hidden)', () => {
    const q = make();
    q.begin('focus_lost', undefined, false);
    q.cancel('focus_lost');
    q.end('focus_lost');
    expect(q.size).toBe(0);
  });
});
