import { CSV_BOM, csvCell, csvLine, neutralise, parseCsv } from './csv';

describe('CSV', () => {
  it('quotes only what needs it, doubling quotes (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvLine(['a', 1, null, true])).toBe('a,1,,true\r\n');
  });

  it('neutralises text that a spreadsheet would run as a formula (OWASP CSV injection)', () => {
    for (const bad of ['=1+2', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("x")']) {
      expect(neutralise(bad).startsWith("'")).toBe(true);
      expect(parseCsv(csvLine([bad]))[0][0]).toBe(`'${bad}`);
    }
    expect(neutralise('a=b')).toBe('a=b');
  });

  it('writes numbers as numbers, negative ones too, and nothing for NaN', () => {
    expect(csvCell(-1.5)).toBe('-1.5');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('parses its own output back, with a byte-order mark and multi-line cells', () => {
    const rows = [
      ['Name', 'Answer'],
      ['Zoë, "Z"', 'line 1\r\nline 2'],
      ['', '@x'],
    ];
    const text = CSV_BOM + rows.map((r) => csvLine(r)).join('');
    expect(parseCsv(text)).toEqual([rows[0], rows[1], ['', "'@x"]]);
  });
});
