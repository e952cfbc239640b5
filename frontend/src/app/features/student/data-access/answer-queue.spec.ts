import type { AnswerAckPayload } from '@exam/contracts';
import { AnswerQueue, type AnswerTransport, type AnswerWrite } from './answer-queue';

class MemoryStorage implements Storage {
  private data = new Map<string, string>();
  get length() {
    return this.data.size;
  }
  clear() {
    this.data.clear();
  }
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  key(i: number) {
    return [...this.data.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
  setItem(k: string, v: string) {
    this.data.set(k, v);
  }
}

class FakeTransport implements AnswerTransport {
  up = true;
  sent: AnswerWrite[] = [];
  ready() {
    return this.up;
  }
  send(w: AnswerWrite) {
    this.sent.push(w);
  }
}

function ack(w: AnswerWrite, over: Partial<AnswerAckPayload> = {}): AnswerAckPayload {
  return {
    sessionId: 's1',
    questionId: w.questionId,
    key: w.key,
    seq: w.seq,
    status: 'autosaved',
    savedAt: 1000,
    ...over,
  };
}

describe('AnswerQueue', () => {
  let storage: MemoryStorage;
  let transport: FakeTransport;
  let n: number;

  function makeQueue(): AnswerQueue {
    const q = new AnswerQueue({
      storage,
      storageKey: 'answers',
      debounceMs: 500,
      ackTimeoutMs: 10_000,
      newKey: () => `key-${++n}`,
      now: () => Date.now(),
    });
    q.use(transport);
    return q;
  }

  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
    storage = new MemoryStorage();
    transport = new FakeTransport();
    n = 0;
  });
  afterEach(() => jest.useRealTimers());

  it('debounces typing per question and sends one write with a key and seq 1', () => {
    const q = makeQueue();
    q.change('q1', { text: 'w' });
    q.change('q1', { text: 'wr' });
    q.change('q2', { optionId: 'a' }, true);
    q.change('q1', { text: 'wrote' });
    expect(transport.sent.map((w) => w.questionId)).toEqual(['q2']);
    expect(q.saves()['q1'].state).toBe('saving');
    jest.advanceTimersByTime(500);
    expect(transport.sent).toEqual([
      { key: 'key-1', questionId: 'q2', answer: { optionId: 'a' }, seq: 1, final: false },
      { key: 'key-2', questionId: 'q1', answer: { text: 'wrote' }, seq: 1, final: false },
    ]);
  });

  it('gives every write of a question a higher seq and a new key', () => {
    const q = makeQueue();
    q.change('q1', { optionId: 'a' }, true);
    q.change('q1', { optionId: 'b' }, true);
    q.change('q1', { optionId: 'c' }, true);
    const sent = transport.sent.filter((w) => w.questionId === 'q1');
    expect(sent.map((w) => w.seq)).toEqual([1, 2, 3]);
    expect(new Set(sent.map((w) => w.key)).size).toBe(3);
  });

  it('matches acks by key: saved only when the newest write of the question is acknowledged', () => {
    const q = makeQueue();
    q.change('q1', { optionId: 'a' }, true);
    q.change('q1', { optionId: 'b' }, true);
    const [first, second] = transport.sent;
    q.ack(ack(first));
    expect(q.saves()['q1'].state).toBe('saving');
    q.ack({ ...ack(second), key: 'someone-else' });
    expect(q.queue()).toHaveLength(1);
    q.ack(ack(second, { savedAt: 2000 }));
    expect(q.saves()['q1']).toEqual({ state: 'saved', savedAt: 2000 });
    expect(q.idle()).toBe(true);
  });

  it('queues offline in order, persists, and resends everything in order when back', () => {
    const q = makeQueue();
    transport.up = false;
    q.change('q3', { optionId: 'a' }, true);
    q.change('q1', { text: 'x' }, true);
    q.change('q2', { value: 4 }, true);
    expect(transport.sent).toEqual([]);
    expect(q.saves()['q1'].state).toBe('queued-offline');
    const stored = JSON.parse(storage.getItem('answers') ?? '{}') as { queue: AnswerWrite[] };
    expect(stored.queue.map((w) => w.questionId)).toEqual(['q3', 'q1', 'q2']);

    transport.up = true;
    q.pump();
    expect(transport.sent.map((w) => w.questionId)).toEqual(['q3', 'q1', 'q2']);
    expect(q.saves()['q2'].state).toBe('saving');
  });

  it('a refresh while offline loses nothing: a new queue restores writes, drafts and seqs', () => {
    transport.up = false;
    const q = makeQueue();
    q.change('q1', { text: 'kept' }, true);
    q.change('q1', { text: 'kept 2' }, true);
    q.change('q2', { optionId: 'b' }, true);
    q.dispose();

    const after = makeQueue();
    expect(after.queue().map((w) => [w.questionId, w.seq])).toEqual([
      ['q1', 2],
      ['q2', 1],
    ]);
    expect(after.drafts()['q1']).toEqual({ text: 'kept 2' });
    expect(after.saves()['q2'].state).toBe('queued-offline');
    // Seqs continue, never reused.
    transport.up = true;
    after.change('q1', { text: 'kept 3' }, true);
    expect(transport.sent.map((w) => [w.questionId, w.seq])).toEqual([
      ['q2', 1],
      ['q1', 3],
    ]);
  });

  it('resends an unacknowledged write with the same key after the transport drops', () => {
    const q = makeQueue();
    q.change('q1', { optionId: 'a' }, true);
    const [w] = transport.sent;
    transport.up = false;
    q.pump();
    expect(q.saves()['q1'].state).toBe('queued-offline');
    transport.up = true;
    q.pump();
    expect(transport.sent).toHaveLength(2);
    expect(transport.sent[1]).toEqual(w);
  });

  it('resends on a live transport only after the ack timeout', () => {
    const q = makeQueue();
    q.change('q1', { optionId: 'a' }, true);
    q.pump();
    expect(transport.sent).toHaveLength(1);
    jest.advanceTimersByTime(10_000);
    q.pump();
    expect(transport.sent).toHaveLength(2);
    expect(transport.sent[1].key).toBe(transport.sent[0].key);
  });

  it('never numbers below what the server holds, and shows server answers as saved', () => {
    const q = makeQueue();
    q.applyServerAnswers([
      { questionId: 'q1', answer: { optionId: 'c' }, key: 'k', seq: 7, final: false, savedAt: 5 },
    ]);
    expect(q.drafts()['q1']).toEqual({ optionId: 'c' });
    expect(q.saves()['q1']).toEqual({ state: 'saved', savedAt: 5 });
    q.change('q1', { optionId: 'd' }, true);
    expect(transport.sent[0].seq).toBe(8);
  });

  it('keeps a pending local answer over the server copy in a snapshot', () => {
    transport.up = false;
    const q = makeQueue();
    q.change('q1', { text: 'mine' }, true);
    q.applyServerAnswers([
      { questionId: 'q1', answer: { text: 'old' }, key: 'k', seq: 1, final: false, savedAt: 5 },
    ]);
    expect(q.drafts()['q1']).toEqual({ text: 'mine' });
    expect(q.saves()['q1'].state).toBe('queued-offline');
  });

  it('late and refused writes end as errors and leave the queue', () => {
    const q = makeQueue();
    q.change('q1', { optionId: 'a' }, true);
    q.change('q2', { optionId: 'b' }, true);
    q.ack(ack(transport.sent[0], { status: 'late', message: 'Time is up.' }));
    q.reject(transport.sent[1].key, 'Not enrolled.');
    expect(q.saves()['q1']).toEqual({ state: 'error', message: 'Time is up.' });
    expect(q.saves()['q2']).toEqual({ state: 'error', message: 'Not enrolled.' });
    expect(q.idle()).toBe(true);
  });

  it('flushEdits writes debounced edits at once (before submit or leaving)', () => {
    const q = makeQueue();
    q.change('q1', { text: 'half' });
    expect(q.hasUnsavedEdits()).toBe(true);
    q.flushEdits();
    expect(transport.sent.map((w) => w.answer)).toEqual([{ text: 'half' }]);
    expect(q.hasUnsavedEdits()).toBe(false);
  });
});
