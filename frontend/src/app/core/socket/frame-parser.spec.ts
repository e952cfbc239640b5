import { parseServerFrame } from './frame-parser';

describe('parseServerFrame', () => {
  it('reads a server frame with its session sequence', () => {
    expect(
      parseServerFrame('{"event":"x","data":{"a":1},"id":"m1","ts":5,"seq":7,"sessionId":"s1"}'),
    ).toEqual({ event: 'x', data: { a: 1 }, id: 'm1', ts: 5, seq: 7, sessionId: 's1' });
  });

  it('drops what is not a frame instead of throwing', () => {
    expect(parseServerFrame('not json')).toBeNull();
    expect(parseServerFrame('[1,2]')).toBeNull();
    expect(parseServerFrame('{"data":1}')).toBeNull();
    expect(parseServerFrame('{"event":""}')).toBeNull();
    expect(parseServerFrame(42)).toBeNull();
  });

  it('ignores a seq that is not a number', () => {
    expect(parseServerFrame('{"event":"x","seq":"7","sessionId":"s1"}')?.seq).toBeUndefined();
  });
});
