/**
 * The edge of the live protocol in the browser: `data` of a frame arrives as unknown and is
 * turned into the contract's payload type only after its shape is checked. Checks are
 * structural (the keys the app reads, with their primitive types); anything else is dropped.
 */
import { isRecord } from '../socket/frame-parser';

type Kind = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'nullable-number';

function is(kind: Kind, v: unknown): boolean {
  switch (kind) {
    case 'array':
      return Array.isArray(v);
    case 'object':
      return isRecord(v);
    case 'nullable-number':
      return v === null || typeof v === 'number';
    case 'string':
    case 'number':
    case 'boolean':
      return typeof v === kind;
  }
}

/** A parser for a payload with these required fields. */
export function payload<T>(shape: Record<string, Kind>): (data: unknown) => T | undefined {
  return (data) => {
    if (!isRecord(data)) return undefined;
    for (const [key, kind] of Object.entries(shape)) {
      if (!is(kind, data[key])) return undefined;
    }
    return data as T;
  };
}

/** True when a payload belongs to this session. */
export function forSession(data: unknown, sessionId: string): boolean {
  return isRecord(data) && data['sessionId'] === sessionId;
}
