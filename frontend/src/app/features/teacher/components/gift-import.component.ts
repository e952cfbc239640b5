/**
 * Question import: GIFT (Moodle's text format: paste it or pick a file), Moodle XML (Moodle's
 * question bank export: paste it or pick a file) or a QTI 3 content package (a .zip). POSTs
 * it, then shows the report: how many questions were taken, every one that was not (line and
 * why), and what imported questions left out.
 */
import { ChangeDetectionStrategy, Component, inject, output, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ExamView } from '@exam/contracts';
import type { Observable } from 'rxjs';
import { toApiError } from '../../../core/api/api-error';
import { ExamsApiService, type QuestionImportResponse } from '../data-access/exams-api.service';

/** The server refuses bigger bodies; said here before uploading. */
const MAX_FILE_BYTES = 1_000_000;

type ImportFormat = 'gift' | 'moodle-xml' | 'qti';

const FORMATS: Record<
  ImportFormat,
  { label: string; accept: string; file: string; paste: string | null; empty: string }
> = {
  gift: {
    label: 'GIFT (Moodle text format)',
    accept: '.gift,.txt,text/plain',
    file: 'GIFT file',
    paste: '…or paste GIFT text',
    empty: 'Paste GIFT text or choose a file first.',
  },
  'moodle-xml': {
    label: 'Moodle XML (question bank export)',
    accept: '.xml,application/xml,text/xml',
    file: 'Moodle XML file',
    paste: '…or paste the XML',
    empty: 'Paste Moodle XML or choose a file first.',
  },
  qti: {
    label: 'QTI 3 content package (.zip)',
    accept: '.zip,application/zip',
    file: 'QTI 3 package',
    paste: null,
    empty: 'Choose a QTI 3 package (.zip) first.',
  },
};

type Skipped = QuestionImportResponse['report']['skipped'][number];

@Component({
  selector: 'exam-gift-import',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <form (submit)="submit($event)" novalidate>
      <p class="hint">
        Single and multiple choice, true/false, short answer, numeric, essay, ordering and matching
        questions are taken, with their names, tags, feedback and formatting; the report lists
        anything that is not.
      </p>
      <div class="field">
        <label for="import-format">Format</label>
        <select
          id="import-format"
          class="select"
          [value]="format()"
          (change)="setFormat(textOf($event))"
        >
          @for (f of formatKeys; track f) {
            <option [value]="f" [selected]="f === format()">{{ formats[f].label }}</option>
          }
        </select>
      </div>
      <div class="field">
        <label for="gift-file">{{ formats[format()].file }}</label>
        <input
          id="gift-file"
          type="file"
          [accept]="formats[format()].accept"
          (change)="pickFile($event)"
          [attr.aria-invalid]="!formats[format()].paste && !!fieldError('gift')"
          [attr.aria-describedby]="
            !formats[format()].paste && fieldError('gift') ? 'gift-text-error' : null
          "
        />
        @if (picked(); as f) {
          <p class="hint" data-testid="import-file">{{ f }}</p>
        }
      </div>
      @if (formats[format()].paste; as paste) {
        <div class="field">
          <label for="gift-text">{{ paste }}</label>
          <textarea
            id="gift-text"
            class="input mono"
            rows="6"
            [value]="gift()"
            (input)="gift.set(textOf($event))"
            [attr.aria-invalid]="!!fieldError('gift')"
            [attr.aria-describedby]="fieldError('gift') ? 'gift-text-error' : null"
          ></textarea>
        </div>
      }
      @if (fieldError('gift'); as e) {
        <p class="field-error" id="gift-text-error">{{ e }}</p>
      }
      <div class="row">
        <div class="field grow">
          <label for="gift-title">Exam title</label>
          <input
            id="gift-title"
            class="input"
            [value]="title()"
            (input)="title.set(textOf($event))"
            [attr.aria-invalid]="!!fieldError('title')"
          />
          @if (fieldError('title'); as e) {
            <p class="field-error">{{ e }}</p>
          }
        </div>
        <div class="field">
          <label for="gift-duration">Duration (minutes)</label>
          <input
            id="gift-duration"
            class="input narrow"
            type="number"
            min="1"
            max="1440"
            [value]="duration()"
            (change)="duration.set(numberOf($event))"
            [attr.aria-invalid]="!!fieldError('durationMinutes')"
          />
          @if (fieldError('durationMinutes'); as e) {
            <p class="field-error">{{ e }}</p>
          }
        </div>
      </div>
      <button type="submit" class="btn btn-primary" [disabled]="busy()">
        {{ busy() ? 'Importing…' : 'Import' }}
      </button>
    </form>

    <div aria-live="polite" class="result">
      @if (error(); as message) {
        <p class="alert" data-testid="import-error">{{ message }}</p>
      }
      @if (result(); as r) {
        <div class="alert alert-success" data-testid="import-summary">
          Imported {{ r.report.imported }} of
          {r.report.found, plural, =1 {1 question} other {{{ r.report.found }} questions}} into “{{
            r.exam.title
          }}”.
          <a [routerLink]="['/teacher/exams', r.exam.id]">Open the imported exam</a>
        </div>
        @if (r.report.skipped.length) {
          <h3>Not imported ({{ r.report.skipped.length }})</h3>
          <ul class="skipped" data-testid="import-skipped">
            @for (s of r.report.skipped; track s.index) {
              <li>
                <strong>{{ where(s) }}</strong>
                @if (s.title) {
                  “{{ s.title }}”
                }
                @if (s.giftType ?? s.moodleType; as type) {
                  <span class="badge">{{ type }}</span>
                }
                — {{ s.reason }}
              </li>
            }
          </ul>
        }
        @if (r.report.dropped?.length) {
          <h3>Imported without some parts ({{ r.report.dropped!.length }})</h3>
          <ul class="skipped" data-testid="import-dropped">
            @for (d of r.report.dropped; track d.index) {
              <li>
                <strong>{{ where(d) }}</strong>
                @if (d.title) {
                  “{{ d.title }}”
                }
                — left out: {{ partsOf(d.parts) }}
              </li>
            }
          </ul>
        }
      }
    </div>
  `,
  styles: `
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0 1rem;
    }
    .grow {
      flex: 1 1 14rem;
    }
    .mono {
      font-family: var(--mono);
      font-size: 0.9rem;
    }
    .result {
      margin-block-start: 1rem;
    }
    .skipped {
      margin: 0;
      padding-inline-start: 1.25rem;
      display: grid;
      gap: 0.4rem;
    }
  `,
})
export class GiftImportComponent {
  private readonly api = inject(ExamsApiService);

  readonly imported = output<ExamView>();

  protected readonly formats = FORMATS;
  protected readonly formatKeys = Object.keys(FORMATS) as ImportFormat[];
  protected readonly format = signal<ImportFormat>('gift');
  /** The chosen file's name (and, for a package, the file itself). */
  protected readonly picked = signal<string | null>(null);
  private packageFile: Blob | null = null;
  protected readonly gift = signal('');
  protected readonly title = signal('');
  protected readonly duration = signal<number | undefined>(30);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  private readonly fieldErrors = signal<Readonly<Record<string, readonly string[]>>>({});
  protected readonly result = signal<QuestionImportResponse | null>(null);

  protected textOf(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }
  protected numberOf(event: Event): number | undefined {
    const v = (event.target as HTMLInputElement).value;
    return v.trim() === '' ? undefined : Number(v);
  }

  protected where(s: Pick<Skipped, 'index' | 'line'>): string {
    return s.line ? `Question ${s.index}, line ${s.line}` : `Question ${s.index}`;
  }

  protected partsOf(parts: ReadonlyArray<{ detail: string }>): string {
    return parts.map((p) => p.detail).join('; ');
  }

  protected setFormat(value: string): void {
    this.format.set(value as ImportFormat);
    this.gift.set('');
    this.picked.set(null);
    this.packageFile = null;
    this.fieldErrors.set({});
    this.error.set(null);
  }

  protected fieldError(field: string): string | null {
    return this.fieldErrors()[field]?.join(' ') || null;
  }

  protected async pickFile(event: Event): Promise<void> {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      this.error.set('That file is larger than 1 MB. Split it into smaller files.');
      return;
    }
    this.error.set(null);
    this.picked.set(`${file.name} (${Math.max(1, Math.round(file.size / 1024))} KB)`);
    if (this.format() === 'qti') this.packageFile = file;
    else this.gift.set(await file.text());
    if (!this.title()) this.title.set(file.name.replace(/\.(gift|txt|xml|zip)$/i, ''));
  }

  private send(): Observable<QuestionImportResponse> | null {
    const meta = { title: this.title().trim() || undefined, durationMinutes: this.duration() };
    switch (this.format()) {
      case 'gift':
        return this.gift().trim() ? this.api.importGift({ gift: this.gift(), ...meta }) : null;
      case 'moodle-xml':
        return this.gift().trim() ? this.api.importMoodleXml({ xml: this.gift(), ...meta }) : null;
      case 'qti':
        return this.packageFile ? this.api.importQti(this.packageFile, meta) : null;
    }
  }

  protected submit(event: Event): void {
    event.preventDefault();
    const request = this.send();
    if (!request) {
      this.fieldErrors.set({ gift: [FORMATS[this.format()].empty] });
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.fieldErrors.set({});
    this.result.set(null);
    request.subscribe({
      next: (r) => {
        this.busy.set(false);
        this.result.set(r);
        this.imported.emit(r.exam);
      },
      error: (err: unknown) => {
        const e = toApiError(err);
        this.busy.set(false);
        this.fieldErrors.set(e.fieldErrors);
        this.error.set(e.message);
      },
    });
  }
}
