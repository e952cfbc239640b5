import { joinQuestion, splitQuestion } from './question-parts';
import { parseQuestion } from './question-schema';
import { plainText, sanitizeQuestionHtml } from './rich-text';
import { toStudentViews, type PublicQuestion } from './student-view';

/** Payloads that must never survive, each with what must be gone from the result. */
const ATTACKS: Array<[string, RegExp]> = [
  ['<script>alert(1)</script>Paris', /script|alert/i],
  ['<img src="https://x.test/a.png" onerror="alert(1)">', /onerror|alert/i],
  ['<img src=x onerror=alert(1)//>', /onerror|alert/i],
  ['<a href="javascript:alert(1)">click</a>', /javascript|alert/i],
  ['<a href="JaVaScRiPt:alert(1)">click</a>', /javascript|alert/i],
  ['<a href="&#106;avascript:alert(1)">click</a>', /avascript|alert/i],
  ['<svg onload="alert(1)"><circle r="5"/></svg>', /svg|onload|alert|circle/i],
  ['<svg><script>alert(1)</script></svg>', /svg|script|alert/i],
  ['<iframe src="https://evil.test"></iframe>', /iframe|evil/i],
  ['<object data="https://evil.test/x.swf"></object>', /object|evil/i],
  ['<p style="background:url(javascript:alert(1))">x</p>', /url|javascript|alert/i],
  ['<p style="color: expression(alert(1))">x</p>', /expression|alert/i],
  ['<div onclick="alert(1)">x</div>', /onclick|alert/i],
  ['<math><mi xlink:href="javascript:alert(1)">x</mi></math>', /xlink|javascript|alert/i],
  ['<img src="data:image/svg+xml;base64,PHN2Zz4=">', /data:/i],
  ['<form action="https://evil.test"><input name="p"></form>', /<form|<input|evil/i],
  ['<meta http-equiv="refresh" content="0;url=https://evil.test">', /meta|refresh|evil/i],
  ['<style>body{display:none}</style>', /style|display/i],
  ['<p>x</p><base href="https://evil.test/">', /base|evil/i],
];

const html = (prompt: string, optionText = 'Option') => ({
  type: 'single_choice',
  format: 'html',
  prompt,
  points: 1,
  options: [
    { id: 'a', text: optionText },
    { id: 'b', text: 'B' },
  ],
  correctOptionId: 'a',
});

describe('formatted question text', () => {
  it.each(ATTACKS)('removes %s from every html field', (payload, gone) => {
    const clean = sanitizeQuestionHtml(payload);
    expect(clean).not.toMatch(gone);
    // In a prompt, an option, an ordering item and both matching sides.
    const r = parseQuestion({
      type: 'matching',
      format: 'html',
      prompt: `<p>Match</p>${payload}`,
      points: 1,
      left: [
        { id: 'l1', text: `Left ${payload}` },
        { id: 'l2', text: 'L2' },
      ],
      right: [
        { id: 'r1', text: `Right ${payload}` },
        { id: 'r2', text: 'R2' },
      ],
      correctPairs: { l1: 'r1', l2: 'r2' },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(JSON.stringify(r.question)).not.toMatch(gone);
    const o = parseQuestion({
      type: 'ordering',
      format: 'html',
      prompt: 'Order',
      points: 1,
      items: [
        { id: 'i1', text: `One ${payload}` },
        { id: 'i2', text: 'Two' },
      ],
      correctOrder: ['i1', 'i2'],
    });
    expect(o.ok && JSON.stringify(o.question)).not.toMatch(gone);
    const c = parseQuestion(html(`Q ${payload}`, `A ${payload}`));
    expect(c.ok && JSON.stringify(c.question)).not.toMatch(gone);
  });

  it('keeps text formatting, lists, tables, images and links by URL, and MathML', () => {
    const src = [
      '<p dir="ltr" style="text-align: left;">Which <strong>city</strong> is the <em>capital</em>?<br></p>',
      '<ul><li>one</li></ul><ol start="2"><li>two</li></ol>',
      '<table><thead><tr><th>a</th></tr></thead><tbody><tr><td colspan="2">b</td></tr></tbody></table>',
      '<img src="https://example.org/map.png" alt="Map" width="200">',
      '<a href="https://example.org/">source</a>',
      '<span style="color: rgb(255, 0, 0); font-weight: bold;">red</span>',
      '<math><mfrac><mi>a</mi><mn>2</mn></mfrac></math>',
      '<p>x<sup>2</sup> and H<sub>2</sub>O &amp; &lt;tags&gt;</p>',
    ].join('');
    const out = sanitizeQuestionHtml(src);
    for (const kept of [
      '<strong>city</strong>',
      '<em>capital</em>',
      '<li>one</li>',
      '<ol start="2">',
      '<td colspan="2">b</td>',
      '<img src="https://example.org/map.png" alt="Map" width="200" />',
      'href="https://example.org/"',
      'rel="noopener noreferrer"',
      'target="_blank"',
      'color:rgb(255, 0, 0)',
      '<mfrac><mi>a</mi><mn>2</mn></mfrac>',
      '<sup>2</sup>',
      '&amp; &lt;tags&gt;',
    ]) {
      expect(out).toContain(kept);
    }
  });

  it('keeps images from the web and from the media store only', () => {
    const id = '0b7c6f8e-1d2a-4c3b-9e8f-7a6b5c4d3e2f';
    expect(sanitizeQuestionHtml(`<img src="/api/v1/media/${id}" alt="m">`)).toBe(
      `<img src="/api/v1/media/${id}" alt="m" />`,
    );
    for (const src of ['x.png', '/etc/passwd', '/api/v1/media/../users', '', 'ftp://h/x.png']) {
      expect(sanitizeQuestionHtml(`a<img src="${src}" alt="m">b`)).toBe('ab');
    }
    expect(sanitizeQuestionHtml('<img alt="no source">')).toBe('');
  });

  it('a prompt that is nothing but a script is refused as empty, not stored', () => {
    const r = parseQuestion(html('<script>alert(1)</script>'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toEqual([{ field: 'prompt', problems: ['must not be empty'] }]);
  });

  it('plain and markdown texts are stored as written (the pages escape them)', () => {
    const plain = parseQuestion({ ...html('a <b>&</b>\nline two'), format: undefined });
    expect(plain.ok && plain.question.prompt).toBe('a <b>&</b>\nline two');
    const md = parseQuestion({ ...html('**bold** <script>x</script>'), format: 'markdown' });
    expect(md.ok && md.question.prompt).toBe('**bold** <script>x</script>');
  });

  it('refuses an unknown format with the field named', () => {
    const r = parseQuestion({ ...html('x'), format: 'rtf' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0].field).toBe('format');
  });

  it('the format travels with the stored parts to the teacher and the student', () => {
    const r = parseQuestion(html('<p>Pick <b>one</b></p>'));
    if (!r.ok) throw new Error('invalid');
    const parts = splitQuestion(r.question);
    expect(parts.body.format).toBe('html');
    expect(joinQuestion(parts)).toEqual({ ...r.question, negativeMarkPercent: 0 });
    const pub: PublicQuestion = { id: 'q1', ...parts };
    const [view] = toStudentViews([pub], null);
    expect(view).toMatchObject({ format: 'html', prompt: '<p>Pick <b>one</b></p>' });
    // Plain stays without a format field (as before).
    const p = parseQuestion({ ...html('x'), format: 'plain' });
    if (!p.ok) throw new Error('invalid');
    expect(splitQuestion(p.question).body.format).toBeUndefined();
    expect(
      toStudentViews([{ id: 'q2', ...splitQuestion(p.question) }], null)[0],
    ).not.toHaveProperty('format');
  });
});

describe('plain words of a formatted text', () => {
  it('strips tags, decodes entities and separates blocks (exports, answers written out)', () => {
    expect(plainText('<p>Tom &amp; <b>Jerry</b></p><p>&lt;3&nbsp;them</p>', 'html')).toBe(
      'Tom & Jerry <3 them',
    );
    expect(plainText('<ul><li>one</li><li>two</li></ul>x<br>y', 'html')).toBe('one two x y');
    expect(plainText('a <b>b</b>', undefined)).toBe('a <b>b</b>');
    expect(plainText('**a**', 'markdown')).toBe('**a**');
  });
});
