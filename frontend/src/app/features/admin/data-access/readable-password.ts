/**
 * Passwords an admin can read out or copy onto a slip of paper: 12 characters without the
 * look-alikes 0/O, 1/l/I (the alphabet the server uses for the passwords it generates on
 * import). Drawn from the browser's cryptographic random source, never Math.random.
 */
export const READABLE_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const READABLE_LENGTH = 12;

/** Fills a byte array with random values; the browser's `crypto.getRandomValues` by default. */
export type RandomBytes = (bytes: Uint8Array) => Uint8Array;

const cryptoBytes: RandomBytes = (bytes) => crypto.getRandomValues(bytes);

export function readablePassword(
  length = READABLE_LENGTH,
  random: RandomBytes = cryptoBytes,
): string {
  const n = READABLE_ALPHABET.length;
  // Bytes at or above this would make the first characters a little more likely.
  const limit = 256 - (256 % n);
  let out = '';
  while (out.length < length) {
    for (const b of random(new Uint8Array(length * 2))) {
      if (b < limit) out += READABLE_ALPHABET[b % n];
      if (out.length === length) break;
    }
  }
  return out;
}
