/**
 * Where each student of a live session stands, as far as sockets go: online (a socket in
 * the room), in their reconnect grace after a drop, or gone; and when their last socket
 * dropped, for the feed's "back after". Timers only: what a change means (events, the
 * feed, progress) is LivePresence's.
 */
import { Injectable } from '@nestjs/common';
import type { ConnectionStatus } from '@exam/contracts';
import { SessionRooms } from '../../realtime/session-rooms.service';
import type { LiveState, StudentState } from './live-state';

const key = (sessionId: string, userId: string) => `${sessionId}|${userId}`;

@Injectable()
export class PresenceRegistry {
  /** Students in their reconnect grace ("sessionId|userId" -> the timer that ends it). */
  private readonly reconnecting = new Map<string, NodeJS.Timeout>();
  /** When a student's last socket dropped (session|user), for the feed's "back after". */
  private readonly droppedAt = new Map<string, number>();

  constructor(private readonly rooms: SessionRooms) {}

  connectionStatus(st: LiveState, s: StudentState): ConnectionStatus {
    if (this.rooms.isStudentOnline(st.id, s.userId)) return 'connected';
    // Asked for every student several times a second (stats, pushes): no key is built
    // while nobody is reconnecting.
    if (this.reconnecting.size > 0 && this.reconnecting.has(key(st.id, s.userId)))
      return 'reconnecting';
    // Several instances: the student's socket may be on another one, which said so.
    if (s.remote) return s.remote.connectionStatus;
    return s.joinedAt === null ? 'not_joined' : 'disconnected';
  }

  /** Starts a student's reconnect grace; `ended` runs if nothing ends it first. */
  startGrace(sessionId: string, userId: string, ms: number, ended: () => void): void {
    const t = setTimeout(ended, ms);
    t.unref();
    this.reconnecting.set(key(sessionId, userId), t);
  }

  /** Ends a student's reconnect grace (rejoined, left or completed); true if one was running. */
  endGrace(sessionId: string, userId: string): boolean {
    const k = key(sessionId, userId);
    const t = this.reconnecting.get(k);
    if (!t) return false;
    clearTimeout(t);
    this.reconnecting.delete(k);
    return true;
  }

  /** Stops every grace (shutdown); returns whose were running. */
  endAllGraces(): Array<{ sessionId: string; userId: string }> {
    const out: Array<{ sessionId: string; userId: string }> = [];
    for (const [k, t] of this.reconnecting) {
      clearTimeout(t);
      const [sessionId, userId] = k.split('|');
      out.push({ sessionId, userId });
    }
    this.reconnecting.clear();
    return out;
  }

  dropped(sessionId: string, userId: string, at: number): void {
    this.droppedAt.set(key(sessionId, userId), at);
  }

  /** When the student's last socket dropped, forgotten as they are back. */
  takeDropped(sessionId: string, userId: string): number | undefined {
    const k = key(sessionId, userId);
    const at = this.droppedAt.get(k);
    this.droppedAt.delete(k);
    return at;
  }

  /** The session left memory (SessionStore.sweepEnded). */
  forgetSession(sessionId: string): void {
    for (const k of this.droppedAt.keys()) {
      if (k.startsWith(`${sessionId}|`)) this.droppedAt.delete(k);
    }
  }
}
