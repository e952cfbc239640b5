/**
 * Reads the CSV file an admin chose, before anything is sent: too big for one request, or not
 * saved as UTF-8 (accents would arrive as question marks) is said in words at once.
 */

/** The server takes a JSON body of at most 1 MB; 500 rows are far below this. */
export const MAX_CSV_BYTES = 900_000;

export type CsvFileResult =
  | { ok: true; text: string; fileName: string; warning: string | null }
  | { ok: false; message: string };

export async function readCsvFile(file: File): Promise<CsvFileResult> {
  if (file.size > MAX_CSV_BYTES) {
    const kb = Math.round(file.size / 1000);
    return {
      ok: false,
      message: `“${file.name}” is ${kb} KB: too big for one import. Import at most 500 rows at a time (split the file, e.g. by class).`,
    };
  }
  let text: string;
  try {
    text = await textOf(file);
  } catch {
    return { ok: false, message: `“${file.name}” could not be read. Choose the file again.` };
  }
  if (text.trim() === '') {
    return {
      ok: false,
      message: `“${file.name}” is empty: put a header row, then one row per person.`,
    };
  }
  // U+FFFD: bytes that are not UTF-8, e.g. "CSV" saved by an older Excel in Windows-1252.
  const warning = text.includes('\uFFFD')
    ? 'Some characters in this file could not be read (they show as �). Save it from your spreadsheet as “CSV UTF-8” and choose it again, or names will be stored with �.'
    : null;
  return { ok: true, text, fileName: file.name, warning };
}

function textOf(file: File): Promise<string> {
  if (typeof file.text === 'function') return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsText(file, 'utf-8');
  });
}
