import { fileSlug } from './file-slug';

describe('fileSlug', () => {
  it('keeps letters and digits, folds accents and dashes the rest', () => {
    expect(fileSlug('Prüfung: Café "Grammar" 1/2')).toBe('prufung-cafe-grammar-1-2');
  });

  it('never yields quotes, slashes, dots or an empty name', () => {
    expect(fileSlug('../../etc/passwd"\r\n')).toBe('etc-passwd');
    expect(fileSlug('東京 😀')).toBe('exam');
    expect(fileSlug('x'.repeat(100))).toHaveLength(60);
  });
});
