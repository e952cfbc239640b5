/**
 * `DEBUG` in the convention of the `debug` package: comma- or space-separated namespaces,
 * `*` as a wildcard, a leading `-` excludes. `DEBUG=websocket:*` turns on the per-message
 * WebSocket logs (`websocket:in`, `websocket:out`).
 */
export function debugEnabled(debugSetting: string, namespace: string): boolean {
  const patterns = debugSetting.split(/[\s,]+/).filter(Boolean);
  let enabled = false;
  for (const p of patterns) {
    const negate = p.startsWith('-');
    const body = negate ? p.slice(1) : p;
    const re = new RegExp(
      '^' + body.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*?') + '$',
    );
    if (re.test(namespace)) {
      if (negate) return false;
      enabled = true;
    }
  }
  return enabled;
}
