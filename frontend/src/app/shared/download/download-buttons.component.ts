/**
 * A row of download buttons under one label: each fetches its file with the user's token
 * (the `fetch` the page gives), says "Preparing…" meanwhile, hands the file to the browser,
 * and tells screen readers what was downloaded, or says why not. Used for the exam's
 * questions (GIFT, QTI) and a session's CSV exports.
 */
import { ChangeDetectionStrategy, Component, booleanAttribute, input, signal } from '@angular/core';
import type { Observable } from 'rxjs';
import { toApiError } from '../../core/api/api-error';
import { saveFile } from './save-file';

export interface DownloadChoice {
  id: string;
  /** The button's words. */
  label: string;
  /** What it is, in a sentence: "Downloaded {what} as {file}." */
  what: string;
  /** Read after the label by screen readers, e.g. "(CSV file)". */
  hint?: string;
}

export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

let seq = 0;

@Component({
  selector: 'exam-download-buttons',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="downloads" role="group" [attr.aria-labelledby]="labelId">
      <span [id]="labelId" class="label" [class.own-line]="labelOnOwnLine()">{{ label() }}</span>
      @for (c of choices(); track c.id) {
        <button
          type="button"
          class="btn btn-small"
          [attr.data-testid]="'download-' + c.id"
          [disabled]="busy() !== null"
          [attr.aria-busy]="busy() === c.id"
          (click)="download(c)"
        >
          {{ busy() === c.id ? 'Preparing…' : c.label }}
          @if (c.hint) {
            <span class="visually-hidden">{{ c.hint }}</span>
          }
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
    .label.own-line {
      flex-basis: 100%;
    }
    .alert {
      margin: 0.5rem 0 0;
    }
  `,
})
export class DownloadButtonsComponent {
  readonly label = input.required<string>();
  readonly choices = input.required<readonly DownloadChoice[]>();
  /** Fetches one choice's file. */
  readonly fetch = input.required<(id: string) => Observable<DownloadedFile>>();
  /** The label above the buttons instead of before them. */
  readonly labelOnOwnLine = input(false, { transform: booleanAttribute });

  protected readonly labelId = `downloads-${++seq}`;
  protected readonly busy = signal<string | null>(null);
  protected readonly done = signal('');
  protected readonly error = signal<string | null>(null);

  protected download(c: DownloadChoice): void {
    if (this.busy()) return;
    this.busy.set(c.id);
    this.error.set(null);
    this.done.set('');
    this.fetch()(c.id).subscribe({
      next: ({ blob, fileName }) => {
        this.busy.set(null);
        saveFile(blob, fileName);
        this.done.set(`Downloaded ${c.what} as ${fileName}.`);
      },
      error: (err: unknown) => {
        this.busy.set(null);
        this.error.set(`Could not download ${c.what}: ${toApiError(err).message}`);
      },
    });
  }
}
