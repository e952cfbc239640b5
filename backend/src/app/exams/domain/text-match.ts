/** Short-text normalisation and matching: trim, collapse spaces, case and accent folding, `*`. */

export interface TextMatchOptions {
  caseSensitive: boolean;
  foldAccents: boolean;
  wildcards: boolean;
}

export function normalizeText(
  s: string,
  o: Pick<TextMatchOptions, 'caseSensitive' | 'foldAccents'>,
): string {
  let out = s.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (o.foldAccents) out = out.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
  if (!o.caseSensitive) out = out.toLocaleLowerCase('en');
  return out;
}

/** Does the student's text match this accepted answer under the question's options? */
export function textMatches(answer: string, accepted: string, o: TextMatchOptions): boolean {
  const a = normalizeText(answer, o);
  const k = normalizeText(accepted, o);
  if (!a) return false;
  if (!o.wildcards || !k.includes('*')) return a === k;
  const pattern = k
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`, 'su').test(a);
}
