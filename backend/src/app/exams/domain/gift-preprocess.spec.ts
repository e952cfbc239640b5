import {
  ARROW_PLACEHOLDER,
  commentInfo,
  LineIndex,
  plainDecimal,
  readGiftBlocks,
  stripBom,
} from './gift-preprocess';

describe('plainDecimal (PHP numbers written the way gift-pegjs reads them)', () => {
  it.each([
    ['1.5e3', '1500'],
    ['1.5E+3', '1500'],
    ['2e-3', '0.002'],
    ['-2.5e-4', '-0.00025'],
    ['.5', '0.5'],
    ['5.', '5'],
    ['+7', '7'],
    ['007.50', '7.5'],
    ['-0.000e5', '-0'],
    ['1822', '1822'],
  ])('%s -> %s', (php, plain) => {
    expect(plainDecimal(php)).toBe(plain);
    expect(Number(plainDecimal(php))).toBe(Number(php));
  });

  it('does not write thousands of zeros for a huge exponent', () => {
    expect(plainDecimal('1e-999')).toBe('0');
    expect(plainDecimal('1e300').length).toBe(301);
  });
});

describe('LineIndex', () => {
  it('counts LF, CRLF and lone CR line ends', () => {
    const idx = new LineIndex('a\nb\r\nc\rd');
    expect([0, 2, 5, 7].map((o) => idx.at(o))).toEqual([
      { line: 1, column: 1 },
      { line: 2, column: 1 },
      { line: 3, column: 1 },
      { line: 4, column: 1 },
    ]);
  });
});

describe('readGiftBlocks', () => {
  it('splits on blank lines as Moodle does; a line of only non-breaking spaces is not blank', () => {
    const text = stripBom('\uFEFFA {T}\n  \t \nB {F}\n\u00a0\nC {T}');
    expect(readGiftBlocks(text).map((b) => [b.kind, b.line])).toEqual([
      ['question', 1],
      ['question', 3],
    ]);
  });

  it('escapes what Moodle reads as text and remembers where each character came from', () => {
    const [b] = readGiftBlocks('::T:: Note: 1+1=2 {=a:b -> c ~d#e#f}');
    if (b.kind !== 'question') throw new Error(b.kind);
    expect(b.moodleType).toBe('multichoice');
    expect(b.text).toBe(`::T:: Note\\: 1+1\\=2 {=a\\:b ${ARROW_PLACEHOLDER}> c ~d#e\\#f}`);
    expect(b.src[b.text.indexOf('\\:')]).toBe('::T:: Note'.length);
    expect(b.src.length).toBe(b.text.length);
  });

  it('keeps escapes already in the file as they are', () => {
    const [b] = readGiftBlocks('A \\= B \\\\ C \\: {T}');
    expect(b).toMatchObject({ kind: 'question', text: 'A \\= B \\\\ C \\: {T}' });
  });
});

describe('commentInfo (Moodle extract_idnumber_and_tags_from_comment)', () => {
  it('finds the first ID number and every tag, with \\] escaped', () => {
    expect(commentInfo('// [id:a\\]b] [id:x]\n// [tag:one] [tag: two ]\n')).toEqual({
      idnumber: 'a]b',
      tags: ['one', 'two'],
    });
    expect(commentInfo('// nothing')).toEqual({ tags: [] });
  });
});
