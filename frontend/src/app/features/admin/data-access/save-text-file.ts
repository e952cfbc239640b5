/** Saves text the page built (e.g. a CSV) as a download, the way a link click would. */
export function saveTextFile(
  text: string,
  fileName: string,
  type = 'text/csv;charset=utf-8',
  doc: Document = document,
): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName;
  doc.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
