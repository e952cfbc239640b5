/**
 * A bounded in-memory buffer of recent session events, per session, for resume (R9).
 * It knows every event with seq > `floor`: the floor starts at the seq the session had when
 * this process first numbered its events (so a restart never pretends to hold older ones)
 * and rises as old events are evicted. A client whose lastSeq is below the floor gets a
 * snapshot instead: never a silent gap.
 */
import type { Audience } from './realtime-bus';

export interface BufferedEvent {
  seq: number;
  audience: Audience;
  /** The serialised frame, sent again byte for byte. */
  frame: string;
}

interface SessionBuffer {
  floor: number;
  events: BufferedEvent[];
  /** Index of the oldest kept event (ring without copying). */
  head: number;
}

export class ResumeBuffer {
  private readonly sessions = new Map<string, SessionBuffer>();

  constructor(private readonly capacity: number) {}

  /** Starts (or restarts) a session's buffer: nothing at or below `floor` is known. */
  open(sessionId: string, floor: number): void {
    if (!this.sessions.has(sessionId)) this.sessions.set(sessionId, { floor, events: [], head: 0 });
  }

  append(sessionId: string, e: BufferedEvent): void {
    let b = this.sessions.get(sessionId);
    if (!b) {
      b = { floor: e.seq - 1, events: [], head: 0 };
      this.sessions.set(sessionId, b);
    }
    // Only in order: with several instances an event numbered before this instance opened
    // the buffer can still arrive after it (it is delivered, but it is not ours to replay).
    const last = b.events.length > b.head ? b.events[b.events.length - 1].seq : b.floor;
    if (e.seq <= last) return;
    b.events.push(e);
    if (b.events.length - b.head > this.capacity) {
      b.floor = b.events[b.head].seq;
      b.head++;
      // Compact now and then so the array does not grow forever.
      if (b.head > this.capacity) {
        b.events = b.events.slice(b.head);
        b.head = 0;
      }
    }
  }

  /**
   * Events after `lastSeq` that `matches` accepts, oldest first; null when some of them
   * may be missing (evicted, from before a restart, or a lastSeq from the future).
   */
  since(
    sessionId: string,
    lastSeq: number,
    currentSeq: number,
    matches: (a: Audience) => boolean,
  ): BufferedEvent[] | null {
    const b = this.sessions.get(sessionId);
    if (!b || lastSeq < b.floor || lastSeq > currentSeq) return null;
    const out: BufferedEvent[] = [];
    for (let i = b.events.length - 1; i >= b.head; i--) {
      const e = b.events[i];
      if (e.seq <= lastSeq) break;
      if (matches(e.audience)) out.push(e);
    }
    return out.reverse();
  }

  floorOf(sessionId: string): number | undefined {
    return this.sessions.get(sessionId)?.floor;
  }

  size(sessionId: string): number {
    const b = this.sessions.get(sessionId);
    return b ? b.events.length - b.head : 0;
  }

  drop(sessionId: string): void {
    this.sessions.delete(sessionId);
  }
}
