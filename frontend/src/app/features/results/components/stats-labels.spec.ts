import type { QuestionStatistics } from '@exam/contracts';
import { histogramSummary } from './stats-histogram.component';
import { alphaVerdict, num, pct } from './stats-labels';
import { sortQuestions } from './stats-question-table.component';

describe('statistics words', () => {
  it('formats numbers for people', () => {
    expect(pct(41.666)).toBe('41.7 %');
    expect(pct(null)).toBe('—');
    expect(num(0.8081)).toBe('0.81');
    expect(num(undefined)).toBe('—');
  });

  it('says how good a reliability is', () => {
    expect(alphaVerdict(0.85)).toMatch(/^Good/);
    expect(alphaVerdict(0.72)).toMatch(/^Acceptable/);
    expect(alphaVerdict(0.55)).toMatch(/^Low/);
    expect(alphaVerdict(0.2)).toMatch(/^Very low/);
  });

  it('summarises a histogram in one sentence', () => {
    expect(histogramSummary([{ from: 0, to: 10, count: 0 }])).toBe(
      'Score distribution: no finished attempts yet.',
    );
    expect(
      histogramSummary([
        { from: 0, to: 10, count: 2 },
        { from: 10, to: 20, count: 2 },
      ]),
    ).toBe(
      'Score distribution of 4 students in bands of 10 %: the largest bands are 0–10 %, 10–20 % with 2 students each.',
    );
  });

  it('sorts questions with missing values last', () => {
    const q = (position: number, facility: number | null) =>
      ({ position, facility, discrimination: null }) as QuestionStatistics;
    const qs = [q(1, 50), q(2, null), q(3, 20)];
    expect(sortQuestions(qs, 'facility', 'asc').map((x) => x.position)).toEqual([3, 1, 2]);
    expect(sortQuestions(qs, 'facility', 'desc').map((x) => x.position)).toEqual([1, 3, 2]);
    expect(sortQuestions(qs, 'position', 'desc').map((x) => x.position)).toEqual([3, 2, 1]);
  });
});
