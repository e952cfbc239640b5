import { joinLink } from '@exam/contracts';
import { qrDrawing, shownCode } from './join-code-view';

describe('join code view', () => {
  it('shows a code in two groups', () => {
    expect(shownCode('K7PQ3M')).toBe('K7P-Q3M');
    expect(shownCode('ABC')).toBe('ABC');
  });

  it('draws the join link as a QR code with its three finder squares', () => {
    const link = joinLink('https://exams.example.org/', 'K7PQ3M');
    const qr = qrDrawing(link);
    // A link of this length needs version 3 or 4 (29 or 33 modules) at level M.
    expect([29, 33]).toContain(qr.size);
    const dark = new Set(
      [...qr.path.matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map((m) => `${m[1]},${m[2]}`),
    );
    const finderAt = (x: number, y: number) => {
      for (let i = 0; i < 7; i++) {
        // The outer ring is dark, the ring inside it light, the 3x3 centre dark.
        for (const [cx, cy] of [
          [x + i, y],
          [x + i, y + 6],
          [x, y + i],
          [x + 6, y + i],
        ]) {
          if (!dark.has(`${cx},${cy}`)) return false;
        }
      }
      return !dark.has(`${x + 1},${y + 1}`) && dark.has(`${x + 3},${y + 3}`);
    };
    expect(finderAt(0, 0)).toBe(true);
    expect(finderAt(qr.size - 7, 0)).toBe(true);
    expect(finderAt(0, qr.size - 7)).toBe(true);
    expect(finderAt(qr.size - 7, qr.size - 7)).toBe(false);
    // Different links give different drawings.
    expect(qrDrawing(joinLink('https://exams.example.org', 'ZZZZZZ')).path).not.toBe(qr.path);
  });
});
