/**
 * The three CSV downloads of a session (results, every response, question statistics),
 * fetched with the teacher's token and handed to the browser as files.
 */
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { toApiError } from '../../../core/api/api-error';
import { ResultsApiService, saveFile, type CsvExport } from '../data-access/results-api.service';

const EXPORTS: ReadonlyArray<{ kind: CsvExport; label: string; what: string }> = [
  { kind: 'results', label: 'Results', what: 'the results' },
  { kind: 'responses', label: 'All responses', what: 'all responses' },
  { kind: 'statistics', label: 'Statistics', what: 'the question statistics' },
];

@Component({
  selector: 'exam-export-buttons',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="exports" role="group" aria-labelledby="exports-label">
      <span id="exports-label" class="label">Download as CSV</span>
      @for (e of exports; track e.kind) {
        <button
          type="button"
          class="btn btn-small"
          [disabled]="busy() !== null"
          [attr.aria-busy]="busy() === e.kind"
          (click)="download(e.kind, e.what)"
        >
          {{ busy() === e.kind ? 'Preparing…' : e.label }}
          <span class="visually-hidden">(CSV file)</span>
        </button>
      }
    </div>
    <div role="status" aria-live="polite" class="visually-hidden">{{ done() }}</div>
    @if (error(); as e) {
      <p class="alert" role="alert">{{ e }}</p>
    }
  `,
  styles: `
    .exports {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
    }
    .label {
      flex-basis: 100%;
      font-weight: 600;
    }
    .alert {
      margin: 0.5rem 0 0;
    }
  `,
})
export class ExportButtonsComponent {
  private readonly api = inject(ResultsApiService);
  readonly sessionId = input.required<string>();

  protected readonly exports = EXPORTS;
  protected readonly busy = signal<CsvExport | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly done = signal('');

  protected download(kind: CsvExport, what: string): void {
    if (this.busy()) return;
    this.busy.set(kind);
    this.error.set(null);
    this.done.set('');
    this.api.csv(this.sessionId(), kind).subscribe({
      next: ({ blob, fileName }) => {
        this.busy.set(null);
        saveFile(blob, fileName);
        this.done.set(`Downloaded ${what} as ${fileName}.`);
      },
      error: (err: unknown) => {
        this.busy.set(null);
        this.error.set(`Could not download ${what}: ${toApiError(err).message}`);
      },
    });
  }
}
