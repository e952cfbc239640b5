import { describeOutbound } from './wire-tap';
import { frame } from './ws-client';

describe('describeOutbound', () => {
  it('reads the event name of a frame, and the code of an error frame', () => {
    expect(describeOutbound(frame('answer_ack', { key: 'k' }))).toEqual({ event: 'answer_ack' });
    // Twice: the second read comes from the names already seen.
    expect(describeOutbound(frame('answer_ack', { key: 'k2' }))).toEqual({ event: 'answer_ack' });
    expect(describeOutbound(frame('answer_acx', {}))).toEqual({ event: 'answer_acx' });
    expect(
      describeOutbound(frame('error', { code: 'RATE_LIMITED', message: 'Slow down' })),
    ).toEqual({ event: 'error', code: 'RATE_LIMITED' });
    expect(describeOutbound(frame('error', { message: 'no code first' }))).toEqual({
      event: 'error',
    });
  });

  it('names what is not a frame of ours without reading further', () => {
    expect(describeOutbound(Buffer.from('x'))).toEqual({ event: '_binary' });
    expect(describeOutbound('{"data":1}')).toEqual({ event: '_other' });
    expect(describeOutbound('{"event":"unterminated')).toEqual({ event: '_other' });
    expect(describeOutbound('{"event":"","data":{}}')).toEqual({ event: '_other' });
    expect(describeOutbound(`{"event":"${'x'.repeat(80)}"}`)).toEqual({ event: '_other' });
    expect(describeOutbound('{"event":"a\\"b"}')).toEqual({ event: '_other' });
    expect(describeOutbound('{"event":"error","data":{"code":"lower"}}')).toEqual({
      event: 'error',
    });
  });
});
