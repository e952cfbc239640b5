/**
 * GIFT import (Moodle's text format): paste the text or pick a file, POST it, then show the
 * report: how many questions were taken, and every one that was not, with its line and why.
 */
import { ChangeDetectionStrategy, Component, inject, output, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ExamView, GiftImportResponse, GiftSkippedQuestion } from '@exam/contracts';
import { toApiError } from '../../../core/api/api-error';
import { ExamsApiService } from '../data-access/exams-api.service';

/** The server takes up to 500 000 characters; a bigger file would only be refused there. */
const MAX_FILE_BYTES = 1_000_000;

@Component({
  selector: 'exam-gift-import',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <form (submit)="submit($event)" novalidate>
      <p class="hint">
        Single and multiple choice, true/false, short answer, numeric, essay and matching questions
        are taken; the report lists anything that is not.
      </p>
      <div class="field">
        <label for="gift-file">GIFT file</label>
        <input
          id="gift-file"
          type="file"
          accept=".gift,.txt,text/plain"
          (change)="pickFile($event)"
        />
      </div>
      <div class="field">
        <label for="gift-text">…or paste GIFT text</label>
        <textarea
          id="gift-text"
          class="input mono"
          rows="6"
          [value]="gift()"
          (input)="gift.set(textOf($event))"
          [attr.aria-invalid]="!!fieldError('gift')"
          [attr.aria-describedby]="fieldError('gift') ? 'gift-text-error' : null"
        ></textarea>
        @if (fieldError('gift'); as e) {
          <p class="field-error" id="gift-text-error">{{ e }}</p>
        }
      </div>
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
                @if (s.giftType) {
                  <span class="badge">{{ s.giftType }}</span>
                }
                — {{ s.reason }}
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

  protected readonly gift = signal('');
  protected readonly title = signal('');
  protected readonly duration = signal<number | undefined>(30);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  private readonly fieldErrors = signal<Readonly<Record<string, readonly string[]>>>({});
  protected readonly result = signal<GiftImportResponse | null>(null);

  protected textOf(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }
  protected numberOf(event: Event): number | undefined {
    const v = (event.target as HTMLInputElement).value;
    return v.trim() === '' ? undefined : Number(v);
  }

  protected where(s: GiftSkippedQuestion): string {
    return s.line ? `Question ${s.index}, line ${s.line}` : `Question ${s.index}`;
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
    this.gift.set(await file.text());
    if (!this.title()) this.title.set(file.name.replace(/\.(gift|txt)$/i, ''));
  }

  protected submit(event: Event): void {
    event.preventDefault();
    if (!this.gift().trim()) {
      this.fieldErrors.set({ gift: ['Paste GIFT text or choose a file first.'] });
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.fieldErrors.set({});
    this.result.set(null);
    this.api
      .importGift({
        gift: this.gift(),
        title: this.title().trim() || undefined,
        durationMinutes: this.duration(),
      })
      .subscribe({
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
