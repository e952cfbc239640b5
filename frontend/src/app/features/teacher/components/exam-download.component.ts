/**
 * The exam's questions as a file, to take to another platform or keep: GIFT (Moodle's text
 * format) or a QTI 3 content package. Fetched with the teacher's token, handed to the browser.
 */
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { toApiError } from '../../../core/api/api-error';
import { saveFile } from '../../results/data-access/results-api.service';
import { ExamsApiService } from '../data-access/exams-api.service';

const KINDS = [
  { format: 'gift', label: 'GIFT file', ext: 'gift' },
  { format: 'qti', label: 'QTI 3 package', ext: 'zip' },
] as const;

/** A file name from the exam's title: letters, digits and dashes. */
export function fileNameOf(title: string, ext: string): string {
  const slug = title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'exam'}.${ext}`;
}

@Component({
  selector: 'exam-download',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="downloads" role="group" aria-labelledby="downloads-label">
      <span id="downloads-label" class="label">Download the questions as</span>
      @for (k of kinds; track k.format) {
        <button
          type="button"
          class="btn btn-small"
          [attr.data-testid]="'download-' + k.format"
          [disabled]="busy() !== null"
          [attr.aria-busy]="busy() === k.format"
          (click)="download(k.format, k.ext)"
        >
          {{ busy() === k.format ? 'Preparing…' : k.label }}
        </button>
      }
    </div>
    <div role="status" aria-live="polite" class="visually-hidden">{{ done() }}</div>
    @if (error(); as e) {
      <p class="alert" role="alert">{{ e }}</p>
    }
  `,
  styles: `
    .downloads {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
    }
    .label {
      font-weight: 600;
    }
    .alert {
      margin: 0.5rem 0 0;
    }
  `,
})
export class ExamDownloadComponent {
  private readonly api = inject(ExamsApiService);
  readonly examId = input.required<string>();
  readonly title = input('');

  protected readonly kinds = KINDS;
  protected readonly busy = signal<'gift' | 'qti' | null>(null);
  protected readonly done = signal('');
  protected readonly error = signal<string | null>(null);

  protected download(format: 'gift' | 'qti', ext: string): void {
    this.busy.set(format);
    this.error.set(null);
    this.api.export(this.examId(), format).subscribe({
      next: (blob) => {
        this.busy.set(null);
        const name = fileNameOf(this.title(), ext);
        saveFile(blob, name);
        this.done.set(`Downloaded ${name}.`);
      },
      error: (err: unknown) => {
        this.busy.set(null);
        this.error.set(toApiError(err).message);
      },
    });
  }
}
