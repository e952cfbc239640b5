/**
 * What a student marks on their own exam, never sent as an answer: choices struck out and
 * words highlighted, per question. Kept on this device for the attempt (a reload or a crash
 * keeps them) and dropped with the rest of the attempt's device copy when it ends.
 * Highlights are character ranges [start, end) of the question text's plain text, kept sorted
 * and merged, so the same words marked twice are one mark.
 */
import { signal } from '@angular/core';

export type Range = readonly [number, number];

export interface Marks {
  struck: Record<string, string[]>;
  highlights: Record<string, Range[]>;
}

const EMPTY: Marks = { struck: {}, highlights: {} };

/** Sorted, merged ranges with `r` added. */
export function addRange(ranges: readonly Range[], r: Range): Range[] {
  const all = [...ranges, r].filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [s, e] of all) {
    const last = out.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** Ranges with [start, end) taken out (a mark cut in two where needed). */
export function removeRange(ranges: readonly Range[], [s, e]: Range): Range[] {
  const out: Array<[number, number]> = [];
  for (const [a, b] of ranges) {
    if (b <= s || a >= e) out.push([a, b]);
    else {
      if (a < s) out.push([a, s]);
      if (b > e) out.push([e, b]);
    }
  }
  return out;
}

/** Whether [start, end) lies wholly inside the marks (then "highlight" takes it away). */
export function covered(ranges: readonly Range[], [s, e]: Range): boolean {
  return ranges.some(([a, b]) => a <= s && b >= e);
}

export class ExamMarks {
  readonly marks = signal<Marks>(EMPTY);

  constructor(
    private readonly storage: Storage | null,
    private readonly key: string,
  ) {
    this.marks.set(this.read());
  }

  struck(questionId: string): ReadonlySet<string> {
    return new Set(this.marks().struck[questionId] ?? []);
  }

  toggleStrike(questionId: string, optionId: string): void {
    const now = new Set(this.marks().struck[questionId] ?? []);
    if (now.has(optionId)) now.delete(optionId);
    else now.add(optionId);
    this.update({ struck: { ...this.marks().struck, [questionId]: [...now] } });
  }

  highlights(questionId: string): readonly Range[] {
    return this.marks().highlights[questionId] ?? [];
  }

  /** Marks the range, or takes it away when it is marked already. Returns true if marked. */
  toggleHighlight(questionId: string, r: Range): boolean {
    const now = this.highlights(questionId);
    const marking = !covered(now, r);
    const next = marking ? addRange(now, r) : removeRange(now, r);
    this.update({ highlights: { ...this.marks().highlights, [questionId]: next } });
    return marking;
  }

  clearHighlights(questionId: string): void {
    this.update({ highlights: { ...this.marks().highlights, [questionId]: [] } });
  }

  private update(part: Partial<Marks>): void {
    this.marks.set({ ...this.marks(), ...part });
    try {
      this.storage?.setItem(this.key, JSON.stringify(this.marks()));
    } catch {
      // storage full or blocked: the marks last until the page closes
    }
  }

  private read(): Marks {
    try {
      const v = JSON.parse(this.storage?.getItem(this.key) ?? 'null') as Partial<Marks> | null;
      if (!v || typeof v !== 'object') return EMPTY;
      const struck: Record<string, string[]> = {};
      for (const [q, ids] of Object.entries(v.struck ?? {})) {
        if (Array.isArray(ids)) struck[q] = ids.filter((x): x is string => typeof x === 'string');
      }
      const highlights: Record<string, Range[]> = {};
      for (const [q, rs] of Object.entries(v.highlights ?? {})) {
        if (!Array.isArray(rs)) continue;
        highlights[q] = rs
          .filter(
            (r): r is [number, number] =>
              Array.isArray(r) &&
              r.length === 2 &&
              Number.isInteger(r[0]) &&
              Number.isInteger(r[1]) &&
              r[0] >= 0 &&
              r[1] > r[0],
          )
          .reduce<Range[]>((acc, r) => addRange(acc, r), []);
      }
      return { struck, highlights };
    } catch {
      return EMPTY;
    }
  }
}
