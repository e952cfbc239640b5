import { codeAdmitsNow, normaliseJoinCode } from './join-code';

describe('join codes', () => {
  it('reads a typed code the way it is stored', () => {
    expect(normaliseJoinCode(' k7p-q3m ')).toBe('K7PQ3M');
  });

  it('admits before launch, and while running only with late joining and not closing', () => {
    const at = (
      status: Parameters<typeof codeAdmitsNow>[0]['status'],
      late = true,
      closing = false,
    ) => codeAdmitsNow({ status, allowLateJoin: late, closingAt: closing ? 1 : null });
    expect(at('preparing', false, true)).toBe(true);
    expect(at('active')).toBe(true);
    expect(at('paused')).toBe(true);
    expect(at('active', false)).toBe(false);
    expect(at('active', true, true)).toBe(false);
    expect(at('completed')).toBe(false);
    expect(at('terminated')).toBe(false);
  });
});
