/**
 * How a join code is shown: the code in two groups a class reads off a projector ("K7P-Q3M";
 * the dash is ignored when typed), and the QR code of the join link as one SVG path (each
 * dark module a 1x1 square), drawn by the template instead of an HTML string.
 */
import { create } from 'qrcode';

/** "K7PQ3M" -> "K7P-Q3M". */
export function shownCode(code: string): string {
  const half = Math.ceil(code.length / 2);
  return code.length > 4 ? `${code.slice(0, half)}-${code.slice(half)}` : code;
}

/** The QR code's modules: its width in modules and a path of the dark ones. */
export interface QrDrawing {
  size: number;
  path: string;
}

/** Medium error correction: readable from the back of a room with some glare. */
export function qrDrawing(text: string): QrDrawing {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const parts: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) parts.push(`M${col} ${row}h1v1h-1z`);
    }
  }
  return { size: modules.size, path: parts.join('') };
}
