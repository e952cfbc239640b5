import { frame, frameWithJson } from './ws-client';

describe('frameWithJson', () => {
  const questions = [{ id: 'q1', prompt: 'Say "hi"\n' }];
  const texts: unknown[] = [];

  it('reads exactly as the frame of the whole object', () => {
    const snapshot = { sessionId: 's1', title: 'Exam "one"', answers: [{ v: '}{' }] };
    const spliced = frameWithJson(
      'session_snapshot',
      { snapshot, isSnapshot: true },
      'snapshot',
      { questions: JSON.stringify(questions), texts: JSON.stringify(texts) },
      { seq: 4, sessionId: 's1' },
    );
    const whole = frame(
      'session_snapshot',
      { snapshot: { ...snapshot, questions, texts }, isSnapshot: true },
      { seq: 4, sessionId: 's1' },
    );
    const a = JSON.parse(spliced) as Record<string, unknown>;
    const b = JSON.parse(whole) as Record<string, unknown>;
    expect({ ...a, id: '', ts: 0 }).toEqual({ ...b, id: '', ts: 0 });
  });

  it('splices into an empty object and leaves out nothing', () => {
    const text = frameWithJson('e', { o: {} }, 'o', { a: '[1]', b: '{"x":2}' });
    expect((JSON.parse(text) as { data: unknown }).data).toEqual({ o: { a: [1], b: { x: 2 } } });
    expect(JSON.parse(frameWithJson('e', { o: { k: 1 } }, 'o', {}))).toMatchObject({
      data: { o: { k: 1 } },
    });
  });

  it('refuses a field that is not the first one of data', () => {
    expect(() => frameWithJson('e', { a: 1, o: {} }, 'o', { q: '[]' })).toThrow(/first field/);
  });
});

describe('frame', () => {
  it('has the four fields of every frame first, then the extra ones', () => {
    const plain = JSON.parse(frame('answer_ack', { key: 'k' })) as Record<string, unknown>;
    expect(Object.keys(plain)).toEqual(['event', 'data', 'id', 'ts']);
    const extra = JSON.parse(frame('session_resumed', { n: 1 }, { sessionId: 's', seq: 4 }));
    expect(Object.keys(extra)).toEqual(['event', 'data', 'id', 'ts', 'sessionId', 'seq']);
    expect(extra).toMatchObject({ event: 'session_resumed', data: { n: 1 }, sessionId: 's' });
  });
});
