/**
 * Reading an uploaded zip without trusting it. A zip states sizes it may not keep, so the
 * bytes are counted as they are inflated, a slice of the upload at a time, and reading stops
 * at the first cap crossed: entries (TOO_MANY_ENTRIES), bytes once inflated (TOO_LARGE). An
 * entry whose name climbs out of the package (`..`), is absolute or names a drive is refused
 * (UNSAFE_PATH) even though nothing is ever written to disk: such a package is broken or
 * hostile. Only the entries the caller wants are inflated at all.
 */
import { Unzip, UnzipInflate } from 'fflate';
import type { QtiPackageProblem } from '@exam/contracts';

export interface ZipLimits {
  maxEntries: number;
  /** Bytes of the wanted entries once inflated, all together. */
  maxTotalBytes: number;
}

export const ZIP_LIMITS: ZipLimits = { maxEntries: 2000, maxTotalBytes: 20 * 1024 * 1024 };

/** A package refused as a whole, with a stable problem code and what to do. */
export class QtiPackageError extends Error {
  constructor(
    readonly problem: QtiPackageProblem,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** How much of the upload is handed to the inflater at once (bounds one step's output). */
const SLICE = 16 * 1024;

/** The entry's path inside the package, or null when it is unsafe. */
export function safeEntryPath(name: string): string | null {
  const path = name.replace(/\\/g, '/');
  if (!path || path.includes('\0')) return null;
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return null;
  if (path.split('/').some((seg) => seg === '..')) return null;
  return path.replace(/^(\.\/)+/, '');
}

const concat = (chunks: Uint8Array[]) => {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
};

/** The wanted entries of a zip, by path. Throws QtiPackageError when the zip is refused. */
export function readZip(
  data: Uint8Array,
  wanted: (path: string) => boolean,
  limits: ZipLimits = ZIP_LIMITS,
): Map<string, Uint8Array> {
  // Every zip starts with a local file header (or, empty, with the end of the directory).
  const sig = data.length >= 4 ? (data[0] | (data[1] << 8) | (data[2] << 16)) >>> 0 : 0;
  if (data.length < 22 || sig !== 0x034b50 || (data[3] !== 0x04 && data[3] !== 0x06)) {
    throw new QtiPackageError(
      'NOT_A_ZIP',
      'The upload is not a zip file. Send the QTI content package (.zip) itself as the body, with Content-Type: application/zip.',
    );
  }
  const out = new Map<string, Uint8Array>();
  let entries = 0;
  let total = 0;
  let failure: QtiPackageError | undefined;
  const unzip = new Unzip((file) => {
    if (failure) return;
    if (++entries > limits.maxEntries) {
      failure = new QtiPackageError(
        'TOO_MANY_ENTRIES',
        `The package holds more than ${limits.maxEntries} files. Split it into smaller packages and import each.`,
        { maxEntries: limits.maxEntries },
      );
      return;
    }
    const path = safeEntryPath(file.name);
    if (path === null) {
      failure = new QtiPackageError(
        'UNSAFE_PATH',
        `The package holds a file named "${file.name}", which points outside the package. Rebuild the package with paths relative to its top folder.`,
        { entry: file.name },
      );
      return;
    }
    if (path.endsWith('/') || !wanted(path)) return;
    const chunks: Uint8Array[] = [];
    file.ondata = (err, chunk, final) => {
      if (failure) return;
      if (err) {
        failure = new QtiPackageError(
          'NOT_A_ZIP',
          `The file "${path}" in the package cannot be unpacked (${err.message}). Rebuild the package and import it again.`,
          { entry: path },
        );
        return;
      }
      total += chunk.length;
      if (total > limits.maxTotalBytes) {
        failure = new QtiPackageError(
          'TOO_LARGE',
          `The package's files add up to more than ${Math.round(limits.maxTotalBytes / 1048576)} MB once unpacked. Split it into smaller packages and import each.`,
          { maxBytes: limits.maxTotalBytes },
        );
        file.terminate();
        return;
      }
      chunks.push(chunk);
      if (final) out.set(path, concat(chunks));
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < data.length && !failure; at += SLICE) {
      unzip.push(data.subarray(at, at + SLICE), at + SLICE >= data.length);
    }
  } catch (e) {
    if (failure) throw failure;
    throw new QtiPackageError(
      'NOT_A_ZIP',
      `The zip file is damaged (${e instanceof Error ? e.message : String(e)}). Rebuild the package and import it again.`,
    );
  }
  if (failure) throw failure;
  return out;
}
