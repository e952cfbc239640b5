/**
 * How deep a parsed JSON value nests, counted without recursion (a value nested 10,000
 * levels deep must not blow the stack of whoever walks it next: validation, class
 * transformation, zod). Stops counting past `limit`.
 */
export const MAX_JSON_DEPTH = 32;

export function jsonDepthExceeds(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  const stack: Array<{ v: unknown; d: number }> = [{ v: value, d: 0 }];
  while (stack.length) {
    const { v, d } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (d + 1 > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) {
      if (typeof child === 'object' && child !== null) stack.push({ v: child, d: d + 1 });
    }
  }
  return false;
}
