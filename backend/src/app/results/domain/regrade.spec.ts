import type { QuestionDefinition } from '@exam/contracts';
import { essay, shortText, single } from '../../exams/domain/fixtures.spec-helper';
import { applyChanges, compareAttempt, parseRegrade, type RegradableQuestion } from './regrade';

const rq = (d: QuestionDefinition, id: string): RegradableQuestion => ({
  id,
  definition: { ...d, id } as RegradableQuestion['definition'],
  adjustment: 'none',
});
const questions = [rq(single, 's'), rq(shortText, 't'), rq(essay, 'e')];

describe('parsing a regrade request', () => {
  it('takes each kind of change', () => {
    const r = parseRegrade({
      changes: [
        { questionId: 's', action: 'update_key', question: { ...single, correctOptionId: 'c' } },
        { questionId: 't', action: 'accept_answer', text: ' writ ' },
        { questionId: 'e', action: 'drop' },
      ],
      note: 'typo in the key',
    });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.note).toBe('typo in the key');
  });

  it('lists every problem by field', () => {
    const r = parseRegrade({
      changes: [
        { questionId: 's', action: 'shred' },
        { questionId: 't', action: 'accept_answer', text: '', extra: 1 },
        { questionId: 's', action: 'update_key', question: { ...single, correctOptionId: 'zz' } },
      ],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const fields = r.issues.map((i) => i.field);
      expect(fields).toContain('changes[0].action');
      expect(fields.some((f) => f.startsWith('changes[1]'))).toBe(true);
      expect(fields).toContain('changes[2].question.correctOptionId');
    }
    expect(parseRegrade({ changes: [] }).ok).toBe(false);
    expect(parseRegrade({ changes: [{ questionId: 's', action: 'drop' }], sneaky: true }).ok).toBe(
      false,
    );
  });
});

describe('applying changes', () => {
  it('changes only the key, in order, on a copy', () => {
    const r = applyChanges(questions, [
      { questionId: 's', action: 'update_key', question: { ...single, correctOptionId: 'c' } },
      { questionId: 't', action: 'accept_answer', text: 'WRITED', creditPercent: 50 },
      { questionId: 't', action: 'accept_answer', text: 'writ' },
      { questionId: 'e', action: 'full_marks' },
      { questionId: 'e', action: 'restore' },
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.questions[0].definition).toMatchObject({ correctOptionId: 'c', id: 's' });
    const t = r.questions[1].definition as typeof shortText;
    // "WRITED" matches the accepted "writed" (case-insensitive): its credit rises to 50 %.
    expect(t.acceptedAnswers).toEqual([
      { text: 'wrote', creditPercent: 100 },
      { text: 'writed', creditPercent: 50 },
      { text: 'writ', creditPercent: 100 },
    ]);
    expect(r.questions[2].adjustment).toBe('none');
    expect(r.changedIds.sort()).toEqual(['e', 's', 't']);
    expect((questions[1].definition as typeof shortText).acceptedAnswers).toHaveLength(2);
  });

  it('refuses to change what students saw, or a change that does not fit the question', () => {
    const r = applyChanges(questions, [
      { questionId: 's', action: 'update_key', question: { ...single, prompt: 'Other' } },
      { questionId: 's', action: 'update_key', question: { ...single, points: 5 } },
      {
        questionId: 's',
        action: 'update_key',
        question: { ...single, options: [...single.options, { id: 'e', text: 'went' }] },
      },
      { questionId: 's', action: 'update_key', question: { ...shortText } },
      { questionId: 'e', action: 'accept_answer', text: 'x' },
      { questionId: 'zz', action: 'drop' },
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = JSON.stringify(r.issues);
    expect(text).toMatch(/prompt cannot change/);
    expect(text).toMatch(/points cannot change/);
    expect(text).toMatch(/options, items and matching sides cannot change/);
    expect(text).toMatch(/keep the type single_choice/);
    expect(text).toMatch(/accept_answer is for short-text/);
    expect(text).toMatch(/not a question of this session/);
  });
});

describe('comparing an attempt before and after', () => {
  const base = { studentSessionId: 'a', studentId: 'u', studentName: 'Ann' };
  const totals = (score: number) => ({
    score,
    maxScore: 10,
    percent: score * 10,
    result: 'failed' as const,
  });
  it('reports only the questions that move', () => {
    const d = compareAttempt(
      {
        ...base,
        totals: totals(3),
        points: new Map([
          ['s', 0],
          ['t', 2],
        ]),
      },
      {
        ...base,
        totals: totals(5),
        points: new Map([
          ['s', 2],
          ['t', 2],
        ]),
      },
    );
    expect(d?.questions).toEqual([{ questionId: 's', before: 0, after: 2 }]);
  });
  it('is null when nothing moves', () => {
    const same = { ...base, totals: totals(3), points: new Map([['s', 1]]) };
    expect(compareAttempt(same, same)).toBeNull();
  });
});
