/**
 * A class from a CSV file: choose the file (or paste the rows), Check (the server reads every
 * row and creates nothing), read the report, then Import. The final report shows each
 * generated password once, with a download of the list to hand out. The page explains the
 * columns with an example, so a spreadsheet export works the first time.
 */
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  output,
  signal,
} from '@angular/core';
import { MAX_IMPORT_ROWS, type ImportUsersReport } from '@exam/contracts';
import { toApiError, type ApiError } from '../../../core/api/api-error';
import { UsersApiService } from '../../../core/api/users-api.service';
import { readCsvFile } from '../data-access/csv-file';
import { importListCsv, importListFileName } from '../data-access/import-list-csv';
import { saveTextFile } from '../data-access/save-text-file';
import { ImportReportComponent } from './import-report.component';

export const IMPORT_EXAMPLE = [
  'email,name,role,extra time,password',
  'ava.brown@school.org,Ava Brown,student,25,',
  'ben.carter@school.org,Ben Carter,,,',
  'tess.lee@school.org,Tess Lee,teacher,,Welcome-2026',
].join('\n');

@Component({
  selector: 'exam-class-import',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ImportReportComponent],
  templateUrl: './class-import.component.html',
  styleUrl: './class-import.component.css',
})
export class ClassImportComponent {
  private readonly api = inject(UsersApiService);
  private readonly host: HTMLElement = inject(ElementRef).nativeElement as HTMLElement;
  private readonly injector = inject(Injector);

  /** Accounts were created: the page reloads its list. */
  readonly imported = output<ImportUsersReport>();
  readonly closed = output<void>();

  protected readonly example = IMPORT_EXAMPLE;
  protected readonly maxRows = MAX_IMPORT_ROWS;

  protected readonly csv = signal('');
  protected readonly fileName = signal<string | null>(null);
  protected readonly fileWarning = signal<string | null>(null);
  /** What is wrong with the file as a whole (beside the file and text fields). */
  protected readonly csvError = signal<string | null>(null);
  /** Anything else that went wrong (network, server), above the buttons. */
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal<'check' | 'import' | null>(null);
  protected readonly checked = signal<ImportUsersReport | null>(null);
  protected readonly done = signal<ImportUsersReport | null>(null);
  protected readonly generatedCount = computed(
    () => this.done()?.created.filter((u) => u.generatedPassword !== null).length ?? 0,
  );

  protected async pickFile(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    const read = await readCsvFile(file);
    if (!read.ok) {
      this.fileName.set(null);
      this.fileWarning.set(null);
      this.setCsvError(read.message);
      input.value = '';
      return;
    }
    this.fileName.set(read.fileName);
    this.fileWarning.set(read.warning);
    this.setText(read.text);
  }

  protected onPaste(event: Event): void {
    this.fileName.set(null);
    this.fileWarning.set(null);
    this.setText((event.target as HTMLTextAreaElement).value);
  }

  protected check(event: Event): void {
    event.preventDefault();
    if (this.busy()) return;
    this.error.set(null);
    if (this.csv().trim() === '') {
      this.setCsvError('Choose a CSV file or paste the rows first.');
      this.focus('#ci-text');
      return;
    }
    this.send(true);
  }

  protected importNow(): void {
    if (this.busy() || !this.checked()) return;
    this.send(false);
  }

  protected download(): void {
    const r = this.done();
    if (r) saveTextFile(importListCsv(r.created), importListFileName());
  }

  /** Back to an empty form for the next file (the passwords on screen are gone). */
  protected startOver(): void {
    this.done.set(null);
    this.checked.set(null);
    this.fileName.set(null);
    this.fileWarning.set(null);
    this.csv.set('');
    this.csvError.set(null);
    this.error.set(null);
    this.focus('#ci-file');
  }

  private send(dryRun: boolean): void {
    this.busy.set(dryRun ? 'check' : 'import');
    this.api.importClass({ csv: this.csv(), dryRun }).subscribe({
      next: (report) => {
        this.busy.set(null);
        if (dryRun) {
          this.checked.set(report);
          this.focus('#ci-check-heading');
        } else {
          this.checked.set(null);
          this.done.set(report);
          if (report.created.length) this.imported.emit(report);
          this.focus('#ci-done-heading');
        }
      },
      error: (err: unknown) => {
        this.busy.set(null);
        this.showError(toApiError(err));
      },
    });
  }

  private showError(e: ApiError): void {
    const aboutFile = e.fieldErrors['csv'];
    if (aboutFile?.length) {
      // The whole file could not be read: nothing was created.
      this.checked.set(null);
      this.setCsvError(aboutFile.join(' '));
      this.focus('#ci-text');
    } else {
      this.error.set(e.message);
    }
  }

  private setText(text: string): void {
    this.csv.set(text);
    this.csvError.set(null);
    // A report belongs to the text it checked.
    this.checked.set(null);
  }

  private setCsvError(message: string): void {
    this.csvError.set(message);
    this.checked.set(null);
  }

  private focus(selector: string): void {
    afterNextRender(() => this.host.querySelector<HTMLElement>(selector)?.focus(), {
      injector: this.injector,
    });
  }
}
