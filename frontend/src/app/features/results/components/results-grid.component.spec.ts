import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { Q1, Q2, Q3, resultRow, resultsView } from './results-fixtures';
import { ResultsGridComponent, type GridSort } from './results-grid.component';

const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

describe('ResultsGridComponent', () => {
  let fixture: ComponentFixture<ResultsGridComponent>;
  let el: HTMLElement;
  let emitted: GridSort[];

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    fixture = TestBed.createComponent(ResultsGridComponent);
    emitted = [];
    fixture.componentInstance.sortChange.subscribe((s) => emitted.push(s));
    el = fixture.nativeElement as HTMLElement;
  });
  afterEach(() => TestBed.resetTestingModule());

  async function render(over: Parameters<typeof resultsView>[0] = {}, column = 'name') {
    fixture.componentRef.setInput('view', resultsView(over));
    fixture.componentRef.setInput('column', column);
    fixture.componentRef.setInput('order', 'desc');
    await fixture.whenStable();
  }

  it('marks dropped and full-marks questions and says so for each cell', async () => {
    await render({
      questions: [Q1, { ...Q2, adjustment: 'dropped' }, { ...Q3, adjustment: 'full_marks' }],
      items: [
        resultRow({
          cells: [
            { questionId: 'q1', points: 0, maxPoints: 1, state: 'unanswered', source: null },
            { questionId: 'q2', points: null, maxPoints: 2, state: 'dropped', source: null },
            { questionId: 'q3', points: 5, maxPoints: 5, state: 'correct', source: 'auto' },
          ],
        }),
      ],
    });
    const heads = Array.from(el.querySelectorAll('thead th.q')).map((h) => squash(h.textContent));
    expect(heads[1]).toContain('not counted');
    expect(heads[2]).toContain('full marks');
    const labels = Array.from(el.querySelectorAll('td.cell .visually-hidden')).map((c) =>
      squash(c.textContent),
    );
    expect(labels).toEqual([
      'Question 1: not answered, 0 of 1 point',
      'Question 2: not counted',
      'Question 3: 5 of 5 points, correct',
    ]);
    expect(Array.from(el.querySelectorAll('td.cell')).map((c) => c.getAttribute('title'))).toEqual(
      labels,
    );
  });

  it('asks for numbers biggest first, names A to Z, and flips the current column', async () => {
    await render({}, 'score');
    const sortButton = (label: string) =>
      Array.from(el.querySelectorAll<HTMLButtonElement>('button.sort')).find((b) =>
        squash(b.textContent).startsWith(label),
      )!;
    expect(sortButton('Score').closest('th')?.getAttribute('aria-sort')).toBe('descending');
    expect(squash(sortButton('Score').textContent)).toBe('Score ▼');
    sortButton('Score').click();
    sortButton('Student').click();
    sortButton('Time taken').click();
    sortButton('How it ended').click();
    el.querySelector<HTMLButtonElement>('[aria-label="Sort by question 1"]')!.click();
    expect(emitted).toEqual([
      { column: 'score', sort: 'score', order: 'asc' },
      { column: 'name', sort: 'name', order: 'asc' },
      { column: 'timeTaken', sort: 'timeTaken', order: 'desc' },
      { column: 'endReason', sort: 'endReason', order: 'asc' },
      { column: 'q:q1', sort: 'q:q1', order: 'desc' },
    ]);
  });

  it('shows the colour legend with words and symbols', async () => {
    await render();
    expect(
      Array.from(el.querySelectorAll('.legend li')).map((li) => squash(li.textContent)),
    ).toEqual([
      '✓ Correct',
      '◐ Partly correct',
      '✗ Wrong',
      '○ Not answered',
      '? Awaiting grading',
      '⊘ Not counted',
    ]);
    expect(el.querySelector('.table-wrap')?.getAttribute('role')).toBe('region');
    expect(el.querySelector('caption')).not.toBeNull();
  });
});
