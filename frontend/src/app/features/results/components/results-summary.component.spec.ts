import { TestBed } from '@angular/core/testing';
import { resultsView } from './results-fixtures';
import { ResultsSummaryComponent } from './results-summary.component';

describe('ResultsSummaryComponent', () => {
  it('shows the figures and explains averages while answers await grading', async () => {
    const fixture = TestBed.createComponent(ResultsSummaryComponent);
    fixture.componentRef.setInput('summary', {
      ...resultsView().summary,
      meanPercent: null,
      medianPercent: null,
      pending: 0,
    });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const dd = () => Array.from(el.querySelectorAll('dd')).map((d) => d.textContent?.trim());
    expect(dd()).toEqual(['2 of 3', '1', '0', '0', '1', '0', '–', '–']);
    expect(el.querySelector('.summary-note')).toBeNull();

    fixture.componentRef.setInput('summary', resultsView().summary);
    await fixture.whenStable();
    expect(dd().slice(-2)).toEqual(['59.38 %', '59.38 %']);
    expect(el.querySelector('.summary-note')?.textContent).toContain(
      'count 0 until you grade them',
    );
  });
});
