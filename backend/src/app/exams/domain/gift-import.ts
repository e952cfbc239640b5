/**
 * GIFT (Moodle's text format) -> our question definitions, using the maintained `gift-pegjs`
 * parser. Every question that cannot be taken is reported with why (unsupported type, parse
 * error with its line, or invalid after mapping). The file is parsed block by block (GIFT
 * separates questions with blank lines) so one bad question does not sink the rest; if no
 * block yields anything, the import fails with the parser's own location.
 */
import { parse, type GIFTQuestion, type NumericalFormat } from 'gift-pegjs';
import type {
  GiftImportReport,
  GiftSkippedQuestion,
  NumericAccepted,
  QuestionDefinition,
} from '@exam/contracts';
import { parseQuestion } from './question-schema';

export interface GiftFatal {
  message: string;
  line: number;
  column: number;
}

export type GiftImportResult =
  | { ok: true; questions: QuestionDefinition[]; report: GiftImportReport }
  | { ok: false; error: GiftFatal };

interface Located {
  q: GIFTQuestion;
  line?: number;
}

interface PegError {
  message: string;
  location?: { start: { line: number; column: number } };
}

const letters = (i: number) => (i < 26 ? String.fromCharCode(97 + i) : `o${i + 1}`);

function tryParse(text: string): { ok: true; qs: GIFTQuestion[] } | { ok: false; err: GiftFatal } {
  try {
    return { ok: true, qs: parse(text) };
  } catch (e) {
    const pe = e as PegError;
    return {
      ok: false,
      err: {
        message: pe.message,
        line: pe.location?.start.line ?? 1,
        column: pe.location?.start.column ?? 1,
      },
    };
  }
}

/** Blocks of consecutive non-blank lines with their first line number (1-based). */
function blocks(text: string): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = [];
  let cur: string[] = [];
  let start = 1;
  text.split(/\r?\n/).forEach((l, i) => {
    if (l.trim() === '') {
      if (cur.length) out.push({ text: cur.join('\n'), line: start });
      cur = [];
    } else {
      if (!cur.length) start = i + 1;
      cur.push(l);
    }
  });
  if (cur.length) out.push({ text: cur.join('\n'), line: start });
  return out;
}

class Skip extends Error {}

function numeric(f: NumericalFormat, creditPercent: number): NumericAccepted {
  switch (f.type) {
    case 'simple':
      return { value: f.number ?? Number.NaN, creditPercent };
    case 'range':
      return { value: f.number ?? Number.NaN, tolerance: f.range ?? 0, creditPercent };
    case 'high-low':
      return { min: f.numberLow ?? Number.NaN, max: f.numberHigh ?? Number.NaN, creditPercent };
  }
}

/** Maps one parsed GIFT question; throws Skip with the reason when it cannot be taken. */
export function mapGiftQuestion(q: GIFTQuestion): QuestionDefinition {
  if (q.type === 'Category') throw new Skip('category line, not a question');
  if (q.type === 'Description') {
    throw new Skip('description (text without answers) is not a question; not imported');
  }
  const prompt = q.stem.text.trim();
  const points = 1;
  switch (q.type) {
    case 'TF':
      return { type: 'true_false', prompt, points, correct: q.isTrue };
    case 'Essay':
      return { type: 'essay', prompt, points };
    case 'MC': {
      const correct = q.choices.filter((c) => c.isCorrect);
      const partial = q.choices.some((c) => !c.isCorrect && (c.weight ?? 0) > 0);
      if (!partial && correct.length === 1) {
        const penalties = [
          ...new Set(q.choices.filter((c) => !c.isCorrect).map((c) => c.weight ?? 0)),
        ];
        if (penalties.length > 1) {
          throw new Skip(
            'different negative marks on the wrong options of a single-answer question are not supported; give them one mark',
          );
        }
        return {
          type: 'single_choice',
          prompt,
          points,
          options: q.choices.map((c, i) => ({ id: letters(i), text: c.text.text.trim() })),
          correctOptionId: letters(q.choices.indexOf(correct[0])),
          ...(penalties[0] !== undefined && penalties[0] < 0
            ? { negativeMarkPercent: Math.min(100, -penalties[0]) }
            : {}),
        };
      }
      if (correct.length > 1 && q.choices.every((c) => c.weight === null)) {
        throw new Skip('several answers marked = without weights; use ~%50% style weights');
      }
      return {
        type: 'multiple_response',
        prompt,
        points,
        options: q.choices.map((c, i) => ({
          id: letters(i),
          text: c.text.text.trim(),
          weight: c.weight ?? (c.isCorrect ? 100 : 0),
        })),
      };
    }
    case 'Short': {
      const acceptedAnswers = q.choices
        .filter((c) => c.isCorrect && (c.weight === null || c.weight > 0))
        .map((c) => ({ text: c.text.text.trim(), creditPercent: Math.min(100, c.weight ?? 100) }));
      return { type: 'short_text', prompt, points, acceptedAnswers };
    }
    case 'Numerical': {
      const list = Array.isArray(q.choices)
        ? q.choices
            .filter((c) => c.isCorrect && (c.weight === null || c.weight > 0))
            .map((c) => numeric(c.text, Math.min(100, c.weight ?? 100)))
        : [numeric(q.choices, 100)];
      return { type: 'numeric', prompt, points, acceptedAnswers: list };
    }
    case 'Matching': {
      const rights = [...new Set(q.matchPairs.map((p) => p.subanswer.trim()))];
      const rightId = (t: string) => `r${rights.indexOf(t.trim()) + 1}`;
      const pairs = q.matchPairs.filter((p) => p.subquestion.text.trim() !== '');
      return {
        type: 'matching',
        prompt,
        points,
        left: pairs.map((p, i) => ({ id: `l${i + 1}`, text: p.subquestion.text.trim() })),
        right: rights.map((t, i) => ({ id: `r${i + 1}`, text: t })),
        correctPairs: Object.fromEntries(pairs.map((p, i) => [`l${i + 1}`, rightId(p.subanswer)])),
      };
    }
  }
}

export function importGift(text: string): GiftImportResult {
  const whole = tryParse(text);
  const parts = blocks(text).map((b) => ({ ...b, r: tryParse(b.text) }));
  let located: Located[];
  const failed: Array<{ line: number; err: GiftFatal }> = [];
  if (parts.every((p) => p.r.ok)) {
    located = parts.flatMap((p) => (p.r.ok ? p.r.qs.map((q) => ({ q, line: p.line })) : []));
  } else if (whole.ok) {
    // Blank lines inside a question fooled the block split; the whole file is fine.
    located = whole.qs.map((q) => ({ q }));
  } else {
    located = [];
    for (const p of parts) {
      if (p.r.ok) located.push(...p.r.qs.map((q) => ({ q, line: p.line })));
      else failed.push({ line: p.line + p.r.err.line - 1, err: p.r.err });
    }
    if (!located.some((l) => l.q.type !== 'Category')) return { ok: false, error: whole.err };
  }

  const questions: QuestionDefinition[] = [];
  const skipped: GiftSkippedQuestion[] = [];
  let index = 0;
  const pending = [
    ...located.map((l) => ({ line: l.line ?? 0, l })),
    ...failed.map((f) => ({ line: f.line, f })),
  ].sort((a, b) => a.line - b.line);
  for (const item of pending) {
    if ('f' in item && item.f) {
      index++;
      skipped.push({
        index,
        line: item.f.line,
        reason: `parse error at line ${item.f.line}, column ${item.f.err.column}: ${item.f.err.message}`,
      });
      continue;
    }
    if (!('l' in item) || !item.l) continue;
    const { q, line } = item.l;
    if (q.type === 'Category') continue;
    index++;
    const where = {
      index,
      ...(line ? { line } : {}),
      ...(q.title ? { title: q.title } : {}),
      giftType: q.type,
    };
    try {
      const mapped = mapGiftQuestion(q);
      const checked = parseQuestion(mapped);
      if (!checked.ok) {
        skipped.push({
          ...where,
          reason: `invalid after mapping: ${checked.issues.map((i) => `${i.field}: ${i.problems.join(', ')}`).join('; ')}`,
        });
      } else {
        questions.push(checked.question);
      }
    } catch (e) {
      if (!(e instanceof Skip)) throw e;
      skipped.push({ ...where, reason: e.message });
    }
  }
  return { ok: true, questions, report: { found: index, imported: questions.length, skipped } };
}
