import { READABLE_ALPHABET, READABLE_LENGTH, readablePassword } from './readable-password';

describe('readablePassword', () => {
  it('gives 12 characters from the readable alphabet, long enough for the server (8+)', () => {
    const p = readablePassword();
    expect(p).toHaveLength(READABLE_LENGTH);
    expect([...p].every((c) => READABLE_ALPHABET.includes(c))).toBe(true);
  });

  it('never uses characters people confuse when reading aloud', () => {
    const many = Array.from({ length: 200 }, () => readablePassword()).join('');
    expect(many).not.toMatch(/[0O1lI]/);
  });

  it('differs from one call to the next', () => {
    const seen = new Set(Array.from({ length: 50 }, () => readablePassword()));
    expect(seen.size).toBe(50);
  });

  it('skips the bytes that would bias the first characters', () => {
    // 55 characters: bytes 220-255 are dropped, so 255 never maps to a character.
    const bytes = [255, 254, 0, 220, 1, 54, 55];
    const random = (buf: Uint8Array) => {
      buf.fill(2);
      buf.set(bytes.slice(0, buf.length));
      return buf;
    };
    const p = readablePassword(5, random);
    expect(p).toBe([0, 1, 54, 0, 2].map((i) => READABLE_ALPHABET[i]).join(''));
  });

  it('draws again when a whole batch was skipped', () => {
    let call = 0;
    const random = (buf: Uint8Array) => buf.fill(call++ === 0 ? 255 : 3);
    expect(readablePassword(4, random)).toBe(READABLE_ALPHABET[3].repeat(4));
    expect(call).toBe(2);
  });
});
