import type { ImportedUser } from '@exam/contracts';
import { csvCell, importListCsv, importListFileName, PASSWORD_FROM_FILE } from './import-list-csv';

function created(over: Partial<ImportedUser> = {}): ImportedUser {
  return {
    line: 2,
    id: 'u1',
    email: 'ava@school.org',
    displayName: 'Ava Brown',
    role: 'student',
    extraTimePercent: 0,
    generatedPassword: 'abcDEF234xyz',
    ...over,
  };
}

describe('importListCsv', () => {
  it('has a header and one row per account with the password to hand out', () => {
    const csv = importListCsv([
      created(),
      created({
        line: 3,
        email: 'ben@school.org',
        displayName: 'Ben Carter',
        extraTimePercent: 25,
        generatedPassword: null,
      }),
      created({ line: 4, email: 't@school.org', displayName: 'Tess T', role: 'teacher' }),
    ]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'name,email,role,extra time,password',
      'Ava Brown,ava@school.org,student,,abcDEF234xyz',
      `Ben Carter,ben@school.org,student,25%,${PASSWORD_FROM_FILE}`,
      'Tess T,t@school.org,teacher,,abcDEF234xyz',
      '',
    ]);
  });

  it('quotes names with commas, quotes or semicolons', () => {
    const csv = importListCsv([created({ displayName: 'Brown, Ava "Avi"; 3B' })]);
    expect(csv).toContain('"Brown, Ava ""Avi""; 3B",ava@school.org');
  });

  it('is only a header when nothing was created', () => {
    expect(importListCsv([])).toBe('\uFEFFname,email,role,extra time,password\r\n');
  });
});

describe('csvCell', () => {
  it('keeps plain text as it is', () => {
    expect(csvCell('Zoë Ødegaard')).toBe('Zoë Ødegaard');
  });

  it('stops a spreadsheet from running a cell as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-x')).toBe("'-x");
    expect(csvCell('@sum')).toBe("'@sum");
  });
});

describe('importListFileName', () => {
  it('names the file after the local date', () => {
    expect(importListFileName(new Date(2026, 2, 4, 9, 30))).toBe('accounts-2026-03-04.csv');
  });
});
