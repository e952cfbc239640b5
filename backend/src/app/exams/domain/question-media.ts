/**
 * Images embedded in imported questions (Moodle XML's `<file encoding="base64">`): which files
 * are kept, under which id, and how the texts that point at them (`@@PLUGINFILE@@/name`) are
 * rewritten to `/api/v1/media/<id>`. Only PNG, JPEG, GIF and WebP are kept, recognised by their
 * first bytes (never by name or declared type), so SVG (which can carry script) and anything
 * else is refused; each file and each import have a size cap. Pure: the caller stores the
 * kept files and gives the ids.
 */
import { createHash } from 'node:crypto';
import sanitizeHtml from 'sanitize-html';
import type { TextFormat } from '@exam/contracts';

export const IMAGE_MIME_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type ImageMime = (typeof IMAGE_MIME_TYPES)[number];

/** Where stored images are served; question texts point here. */
export const MEDIA_URL_PREFIX = '/api/v1/media/';

export interface MediaLimits {
  /** Largest image kept, in bytes (decoded). */
  maxFileBytes: number;
  /** Most image bytes one import may store (distinct images, decoded). */
  maxImportBytes: number;
  /** Most distinct images one import may store. */
  maxFiles: number;
}

/**
 * The request body is capped at 1 MB (as for every JSON route and the GIFT import), so an
 * import holds at most ~750 KB of base64-decoded images; these caps hold whatever that limit
 * becomes.
 */
export const MEDIA_LIMITS: MediaLimits = {
  maxFileBytes: 512 * 1024,
  maxImportBytes: 4 * 1024 * 1024,
  maxFiles: 200,
};

/** The image type from the first bytes, or null for anything else (SVG, BMP, PDF, MP3...). */
export function sniffImage(b: Uint8Array): ImageMime | null {
  const starts = (sig: number[], at = 0) =>
    b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x47, 0x49, 0x46, 0x38]) && (b[4] === 0x37 || b[4] === 0x39) && b[5] === 0x61)
    return 'image/gif';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

/** A file as embedded in the XML: `<file name path encoding>base64</file>`. */
export interface EmbeddedFile {
  name: string;
  path: string;
  encoding: string;
  content: string;
}

/** An image to store: its id is already in the rewritten texts. */
export interface KeptImage {
  id: string;
  sha256: string;
  mime: ImageMime;
  bytes: Buffer;
}

const kb = (n: number) => `${Math.ceil(n / 1024)} KB`;

/**
 * The images of one import: decodes, checks and numbers each distinct image once (the same
 * bytes under two names are stored once). `newId` gives the ids (random UUIDs in the app).
 */
export class ImageCollector {
  private readonly byHash = new Map<string, KeptImage>();
  private total = 0;

  constructor(
    private readonly newId: () => string,
    private readonly limits: MediaLimits = MEDIA_LIMITS,
  ) {}

  get kept(): KeptImage[] {
    return [...this.byHash.values()];
  }

  /** The id to serve `file` under, or why it is not kept (a sentence fragment naming it). */
  add(file: EmbeddedFile): { ok: true; id: string } | { ok: false; why: string } {
    const label = `"${file.name}"`;
    if (file.encoding.trim().toLowerCase() !== 'base64') {
      return { ok: false, why: `${label} is not base64-encoded (encoding "${file.encoding}")` };
    }
    // Size from the base64 length first, so a huge file is never decoded.
    const approx = Math.floor((file.content.replace(/\s+/g, '').length * 3) / 4);
    if (approx > this.limits.maxFileBytes + 2) {
      return {
        ok: false,
        why: `${label} is ${kb(approx)}, over the ${kb(this.limits.maxFileBytes)} an image may have`,
      };
    }
    const bytes = Buffer.from(file.content, 'base64');
    const mime = sniffImage(bytes);
    if (!mime) {
      return {
        ok: false,
        why: `${label} is not a PNG, JPEG, GIF or WebP image (SVG and other files are refused)`,
      };
    }
    if (bytes.length > this.limits.maxFileBytes) {
      return {
        ok: false,
        why: `${label} is ${kb(bytes.length)}, over the ${kb(this.limits.maxFileBytes)} an image may have`,
      };
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const known = this.byHash.get(sha256);
    if (known) return { ok: true, id: known.id };
    if (this.byHash.size >= this.limits.maxFiles) {
      return {
        ok: false,
        why: `${label} is past the ${this.limits.maxFiles} images one import may hold`,
      };
    }
    if (this.total + bytes.length > this.limits.maxImportBytes) {
      return {
        ok: false,
        why: `${label} would take the import past the ${kb(this.limits.maxImportBytes)} of images one import may hold`,
      };
    }
    const image: KeptImage = { id: this.newId(), sha256, mime, bytes };
    this.byHash.set(sha256, image);
    this.total += bytes.length;
    return { ok: true, id: image.id };
  }
}

const PLUGINFILE = '@@PLUGINFILE@@/';

/** The file a `@@PLUGINFILE@@/...` URL names, as Moodle writes it (path components URL-encoded). */
function fileKey(url: string): string {
  const rest = url.slice(PLUGINFILE.length).split(/[?#]/)[0];
  let decoded: string;
  try {
    decoded = decodeURIComponent(rest);
  } catch {
    decoded = rest;
  }
  return `/${decoded.replace(/^\/+/, '')}`;
}

/** The key of an embedded file: its path and name (`/` + name when the path is `/`). */
export function embeddedKey(f: Pick<EmbeddedFile, 'name' | 'path'>): string {
  const path = `/${f.path.trim().replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  return `${path}${f.name.trim()}`;
}

export interface RewriteResult {
  text: string;
  /** What was not kept, each a sentence fragment ("image "x.png" is missing from the file"). */
  problems: string[];
  /** Keys of the embedded files the text used (kept or not). */
  used: Set<string>;
}

/**
 * Points `@@PLUGINFILE@@/name` references of one text at the stored images. In HTML an image
 * that cannot be kept (missing, refused) is removed with its `<img>`; a link to a file that is
 * not a kept image loses its `href` (its words stay). Markdown images are rewritten the same
 * way; plain text is left as it is.
 */
export function rewriteFileRefs(
  text: string,
  format: TextFormat,
  files: Map<string, EmbeddedFile>,
  images: ImageCollector,
): RewriteResult {
  const problems: string[] = [];
  const used = new Set<string>();
  if (format === 'plain' || !text.includes('@@PLUGINFILE@@')) return { text, problems, used };
  const cache = new Map<string, string | null>();
  const resolve = (url: string, kind: 'image' | 'link'): string | null => {
    const key = fileKey(url);
    const cached = cache.get(`${kind}:${key}`);
    if (cached !== undefined) return cached;
    const file = files.get(key);
    let out: string | null = null;
    if (!file) {
      problems.push(
        `${kind === 'image' ? 'image' : 'linked file'} "${key.slice(1)}" is missing from the file; the ${kind === 'image' ? 'image was' : 'link was'} removed`,
      );
    } else {
      used.add(key);
      const r = images.add(file);
      if (r.ok) out = `${MEDIA_URL_PREFIX}${r.id}`;
      else problems.push(`${r.why}; the ${kind === 'image' ? 'image was' : 'link was'} removed`);
    }
    cache.set(`${kind}:${key}`, out);
    return out;
  };
  if (format === 'markdown') {
    const rewritten = text
      .replace(
        /!\[([^\]]*)\]\((@@PLUGINFILE@@\/[^\s)]+)([^)]*)\)/g,
        (_m, alt: string, url: string, rest: string) => {
          const to = resolve(url, 'image');
          return to ? `![${alt}](${to}${rest})` : '';
        },
      )
      .replace(/\]\((@@PLUGINFILE@@\/[^\s)]+)([^)]*)\)/g, (_m, url: string, rest: string) => {
        const to = resolve(url, 'link');
        return to ? `](${to}${rest})` : ']()';
      });
    return { text: rewritten, problems, used };
  }
  const html = sanitizeHtml(text, {
    // Everything is kept here; the question's own allow-list cleans the result afterwards.
    allowedTags: false,
    allowedAttributes: false,
    allowVulnerableTags: true,
    transformTags: {
      '*': (tagName, attribs) => {
        const out = { ...attribs };
        for (const name of ['src', 'href']) {
          const v = out[name];
          if (typeof v !== 'string' || !v.startsWith(PLUGINFILE)) continue;
          const to = resolve(v, tagName === 'img' && name === 'src' ? 'image' : 'link');
          if (to) out[name] = to;
          else delete out[name];
        }
        return { tagName, attribs: out };
      },
    },
    // An image whose file is not kept goes with its tag (its src was dropped above).
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs['src'],
  });
  return { text: html, problems, used };
}
