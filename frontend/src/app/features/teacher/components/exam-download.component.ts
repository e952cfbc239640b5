/**
 * The exam's questions as a file, to take to another platform or keep: GIFT (Moodle's text
 * format) or a QTI 3 content package. Fetched with the teacher's token, handed to the browser.
 */
import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { map } from 'rxjs';
import {
  DownloadButtonsComponent,
  type DownloadChoice,
} from '../../../shared/download/download-buttons.component';
import { ExamsApiService } from '../data-access/exams-api.service';

const KINDS: ReadonlyArray<DownloadChoice & { id: 'gift' | 'qti'; ext: string }> = [
  { id: 'gift', label: 'GIFT file', what: 'the questions as GIFT', ext: 'gift' },
  { id: 'qti', label: 'QTI 3 package', what: 'the questions as a QTI 3 package', ext: 'zip' },
];

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
  imports: [DownloadButtonsComponent],
  template: `<exam-download-buttons
    label="Download the questions as"
    [choices]="kinds"
    [fetch]="fetch"
  />`,
})
export class ExamDownloadComponent {
  private readonly api = inject(ExamsApiService);
  readonly examId = input.required<string>();
  readonly title = input('');

  protected readonly kinds = KINDS;
  protected readonly fetch = (format: string) => {
    const kind = KINDS.find((k) => k.id === format) ?? KINDS[0];
    return this.api
      .export(this.examId(), kind.id)
      .pipe(map((blob) => ({ blob, fileName: fileNameOf(this.title(), kind.ext) })));
  };
}
