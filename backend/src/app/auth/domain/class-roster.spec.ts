import { MAX_IMPORT_ROWS } from '@exam/contracts';
import { parseRoster } from './class-roster';

describe('a class list from CSV', () => {
  it('reads rows with the usual header spellings, commas or semicolons, quotes and a BOM', () => {
    const csv =
      '\uFEFFName;E-mail address;Role;Extra time (%);Password\n' +
      '"Okafor, Ben";ben@school.org;;25;\n' +
      'Tess Teacher;TESS@school.org;teacher;;secret-pass\n';
    const r = parseRoster(csv);
    expect(r).toEqual({
      ok: true,
      refused: [],
      rows: [
        {
          line: 2,
          email: 'ben@school.org',
          displayName: 'Okafor, Ben',
          role: 'student',
          extraTimePercent: 25,
          password: null,
        },
        {
          line: 3,
          email: 'tess@school.org',
          displayName: 'Tess Teacher',
          role: 'teacher',
          extraTimePercent: 0,
          password: 'secret-pass',
        },
      ],
    });
  });

  it('refuses each bad row with its line and a reason, and keeps the good ones', () => {
    const csv = [
      'email,name,role,extra time,password',
      'ok@school.org,Ok,student,,',
      ',No Email,student,,',
      'not-an-email,Bad,student,,',
      'noname@school.org,,student,,',
      'boss@school.org,Boss,admin,,',
      'slow@school.org,Slow,student,12.5,',
      'short@school.org,Short,student,,abc',
      'OK@school.org,Again,student,,',
      'teach@school.org,Teach,teacher,10,',
    ].join('\n');
    const r = parseRoster(csv);
    if (!r.ok) throw new Error(r.message);
    expect(r.rows.map((x) => x.email)).toEqual(['ok@school.org']);
    expect(r.refused.map((x) => [x.line, x.reason])).toEqual([
      [3, 'No email: every account needs one.'],
      [4, '"not-an-email" is not an email address like name@school.org.'],
      [5, "No name: add the person's name as students will see it."],
      [6, 'Role "admin" is not student or teacher.'],
      [7, 'Extra time "12.5" must be a whole percent from 0 to 300.'],
      [8, 'The password must be 8 to 200 characters (or empty to generate one).'],
      [9, 'The same email is already on line 2.'],
      [10, 'Extra time is for students; leave it empty for a teacher.'],
    ]);
  });

  it('numbers rows by their line in the file, past blank lines and multi-line cells', () => {
    const csv = 'email,name\n\nok@x.org,"Ava\nBrown"\n\n\nbad,Bad\n';
    const r = parseRoster(csv);
    if (!r.ok) throw new Error(r.message);
    expect(r.rows.map((x) => [x.line, x.displayName])).toEqual([[3, 'Ava\nBrown']]);
    expect(r.refused.map((x) => x.line)).toEqual([7]);
  });

  it('refuses a whole file that cannot be read, with what to do', () => {
    expect(parseRoster('')).toMatchObject({ ok: false, message: expect.stringMatching(/empty/) });
    expect(parseRoster('first,last\nA,B')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/at least "email" and "name"/),
    });
    expect(parseRoster('email,name\n"unclosed,quote')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not valid CSV.*CSV UTF-8/),
    });
    const big = [
      'email,name',
      ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `s${i}@x.org,S${i}`),
    ];
    expect(parseRoster(big.join('\n'))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/at most 500/),
    });
  });
});
