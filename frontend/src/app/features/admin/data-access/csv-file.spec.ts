import { MAX_CSV_BYTES, readCsvFile } from './csv-file';

function file(content: string | Uint8Array, name = 'class-3b.csv'): File {
  return new File([content as BlobPart], name, { type: 'text/csv' });
}

describe('readCsvFile', () => {
  it('reads a UTF-8 file as text', async () => {
    const r = await readCsvFile(file('email,name\nzoe@school.org,Zoë Ødegaard\n'));
    expect(r).toEqual({
      ok: true,
      text: 'email,name\nzoe@school.org,Zoë Ødegaard\n',
      fileName: 'class-3b.csv',
      warning: null,
    });
  });

  it('warns when the file was not saved as UTF-8', async () => {
    // "Zoë" in Windows-1252: ë is the single byte 0xEB, not valid UTF-8.
    const bytes = new Uint8Array([...new TextEncoder().encode('email,name\nz@s.org,Zo'), 0xeb]);
    const r = await readCsvFile(file(bytes));
    expect(r.ok).toBe(true);
    expect(r.ok && r.warning).toMatch(/CSV UTF-8/);
  });

  it('refuses a file too big for one import, saying how to split it', async () => {
    const r = await readCsvFile(file('x'.repeat(MAX_CSV_BYTES + 1), 'year.csv'));
    expect(r).toEqual({ ok: false, message: expect.stringContaining('“year.csv” is 900 KB') });
    expect(!r.ok && r.message).toContain('at most 500 rows');
  });

  it('refuses an empty file', async () => {
    const r = await readCsvFile(file('  \n'));
    expect(r).toEqual({ ok: false, message: expect.stringContaining('is empty') });
  });
});
