/**
 * Identical short-text answers grouped, most frequent first, with the credit the current key
 * gives each: the teacher sees "colour" typed 14 times and accepts it with one click.
 * Identical = the same text once trimmed, spaces collapsed and (unless the question is case
 * sensitive) case folded, exactly as the grading rules compare text.
 */
import type { AnswerGroup, ShortTextDefinition } from '@exam/contracts';
import { gradeAnswer } from '../../exams/domain/grading';
import { normalizeText } from '../../exams/domain/text-match';

export function groupShortText(
  q: ShortTextDefinition & { id?: string },
  responses: ReadonlyArray<{ studentSessionId: string; text: string }>,
): AnswerGroup[] {
  const opts = { caseSensitive: q.caseSensitive ?? false, foldAccents: q.foldAccents ?? false };
  const groups = new Map<string, { spellings: Map<string, number>; ids: string[] }>();
  for (const r of responses) {
    const key = normalizeText(r.text, opts);
    if (!key) continue;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { spellings: new Map(), ids: [] }));
    const spelling = r.text.trim().replace(/\s+/g, ' ');
    g.spellings.set(spelling, (g.spellings.get(spelling) ?? 0) + 1);
    g.ids.push(r.studentSessionId);
  }
  const out: AnswerGroup[] = [];
  for (const g of groups.values()) {
    const text = [...g.spellings].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    const grade = gradeAnswer({ ...q, points: 100 }, { text });
    out.push({
      text,
      count: g.ids.length,
      creditPercent: grade.score,
      studentSessionIds: g.ids,
    });
  }
  return out.sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
}
