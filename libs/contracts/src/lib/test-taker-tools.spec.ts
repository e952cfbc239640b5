import { DEFAULT_TEST_TAKER_TOOLS, readTestTakerTools as readTools } from './test-taker-tools';

const toStored = readTools;

describe('readTestTakerTools', () => {
  it('gives the defaults for nothing, junk or an empty object', () => {
    for (const x of [null, undefined, 'x', 3, {}, []]) {
      expect(readTools(x)).toEqual(DEFAULT_TEST_TAKER_TOOLS);
    }
  });

  it('keeps valid choices and replaces invalid ones by their default', () => {
    expect(
      readTools({ textSize: 150, lineSpacing: 'wider', highContrast: true, lineReader: 'yes' }),
    ).toEqual({
      ...DEFAULT_TEST_TAKER_TOOLS,
      textSize: 150,
      lineSpacing: 'wider',
      highContrast: true,
    });
    expect(readTools({ textSize: 175, lineSpacing: 'huge' })).toEqual(DEFAULT_TEST_TAKER_TOOLS);
  });

  it('stores only the known fields', () => {
    const stored = toStored({ ...DEFAULT_TEST_TAKER_TOOLS, extra: 1 } as never);
    expect(Object.keys(stored).sort()).toEqual(Object.keys(DEFAULT_TEST_TAKER_TOOLS).sort());
  });
});
