/**
 * A file name for a download, from a title a teacher typed: ASCII letters, digits and dashes
 * only, so that no header, shell or file system chokes on it (accents are folded, everything
 * else becomes a dash).
 */
export function fileSlug(title: string, fallback = 'exam'): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || fallback;
}
