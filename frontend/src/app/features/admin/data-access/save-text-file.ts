import { saveFile } from '../../../shared/download/save-file';

/** Saves text the page built (e.g. a CSV) as a download, the way a link click would. */
export function saveTextFile(
  text: string,
  fileName: string,
  type = 'text/csv;charset=utf-8',
  doc: Document = document,
): void {
  saveFile(new Blob([text], { type }), fileName, doc);
}
