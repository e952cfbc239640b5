import { MAX_JSON_DEPTH } from '../common/json-depth';
import { fewContainers, readFrame } from './inbound-frame';

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

  it('accepts a frame with many brackets inside strings but no deep value', () => {
    const wide = `{"event":"x","data":{"text":"${'{['.repeat(MAX_JSON_DEPTH)}","list":[[1],[2],[3]]}}`;
    expect(readFrame(text(wide), false)).toMatchObject({ ok: true, event: 'x' });
  });
});

describe('fewContainers', () => {
  it('counts both kinds of opening bracket, strings included', () => {
    expect(fewContainers(text('{"a":[1,{"b":2}]}'), 3)).toBe(true);
    expect(fewContainers(text('{"a":[1,{"b":2}]}'), 2)).toBe(false);
    expect(fewContainers(text('{"a":"[[["}'), 3)).toBe(false);
    expect(fewContainers(text('"plain"'), 0)).toBe(true);
  });
});
