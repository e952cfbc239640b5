import { jsonDepthExceeds, MAX_JSON_DEPTH } from './json-depth';

const nested = (n: number) => {
  let v: unknown = 1;
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
};

describe('JSON depth', () => {
  it('lets ordinary bodies through', () => {
    expect(jsonDepthExceeds({ questions: [{ options: [{ id: 'a' }] }] })).toBe(false);
    expect(jsonDepthExceeds(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(jsonDepthExceeds('text')).toBe(false);
  });

  it('stops at the limit, arrays and objects alike, without recursion', () => {
    expect(jsonDepthExceeds(nested(MAX_JSON_DEPTH + 1))).toBe(true);
    let arr: unknown = [];
    for (let i = 0; i < 100_000; i++) arr = [arr];
    expect(jsonDepthExceeds(arr)).toBe(true);
  });
});
