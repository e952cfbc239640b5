/**
 * The CSV downloads of a session (results, every response, question statistics, activity
 * signals),
 * fetched with the teacher's token and handed to the browser as files.
 */
import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import {
  DownloadButtonsComponent,
  type DownloadChoice,
} from '../../../shared/download/download-buttons.component';
import { ResultsApiService, type CsvExport } from '../data-access/results-api.service';

const EXPORTS: ReadonlyArray<DownloadChoice & { id: CsvExport }> = [
  { id: 'results', label: 'Results', what: 'the results', hint: '(CSV file)' },
  { id: 'responses', label: 'All responses', what: 'all responses', hint: '(CSV file)' },
  {
    id: 'statistics',
    label: 'Statistics',
    what: 'the question statistics',
    hint: '(CSV file)',
  },
  { id: 'signals', label: 'Activity signals', what: 'the activity signals', hint: '(CSV file)' },
];

@Component({
  selector: 'exam-export-buttons',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DownloadButtonsComponent],
  template: `<exam-download-buttons
    label="Download as CSV"
    labelOnOwnLine
    [choices]="exports"
    [fetch]="fetch"
  />`,
})
export class ExportButtonsComponent {
  private readonly api = inject(ResultsApiService);
  readonly sessionId = input.required<string>();

  protected readonly exports = EXPORTS;
  protected readonly fetch = (kind: string) => this.api.csv(this.sessionId(), kind as CsvExport);
}
