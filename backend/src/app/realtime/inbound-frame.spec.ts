import { MAX_JSON_DEPTH } from '../common/json-depth';
import { readFrame } from './inbound-frame';

const text = (s: string) => Buffer.from(s, 'utf8');

describe('readFrame', () => {
  it('reads the event and its data', () => {
    expect(readFrame(text('{"event":"heartbeat","data":{"clientNow":1}}'), false)).toEqual({
      ok: true,
      event: 'heartbeat',
      data: { clientNow: 1 },
    });
  });

  it('refuses binary frames, bad JSON, deep nesting and frames without a string event, each with what to send', () => {
    const binary = readFrame(text('{"event":"x"}'), true);
    expect(binary).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', counted: false });
    expect(readFrame(text('{"event":'), false)).toMatchObject({
      ok: false,
      code: 'MALFORMED_JSON',
      counted: true,
    });
    const deep = `{"event":"x","data":${'['.repeat(MAX_JSON_DEPTH + 2)}${']'.repeat(MAX_JSON_DEPTH + 2)}}`;
    expect(readFrame(text(deep), false)).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
      counted: true,
    });
    for (const bad of ['[]', '"x"', 'null', '{"event":1}', '{"data":{}}']) {
      const r = readFrame(text(bad), false);
      expect(r).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', counted: false });
      if (!r.ok) expect(r.message).toMatch(/string "event"/);
    }
  });
});
