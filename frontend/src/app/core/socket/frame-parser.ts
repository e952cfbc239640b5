/** The edge of the socket: raw text in, a typed ServerFrame (or nothing) out. Never throws. */
import type { ServerFrame } from '@exam/contracts';

export function parseServerFrame(raw: unknown): ServerFrame | null {
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return null;
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const f = value as Record<string, unknown>;
  if (typeof f['event'] !== 'string' || f['event'].length === 0) return null;
  const frame: ServerFrame = {
    event: f['event'],
    data: f['data'],
    id: typeof f['id'] === 'string' ? f['id'] : '',
    ts: typeof f['ts'] === 'number' ? f['ts'] : 0,
  };
  if (typeof f['seq'] === 'number' && Number.isFinite(f['seq'])) frame.seq = f['seq'];
  if (typeof f['sessionId'] === 'string') frame.sessionId = f['sessionId'];
  return frame;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
