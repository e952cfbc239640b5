/**
 * The one way a live session's units send an event: every emit goes through here to the
 * SessionPublisher (numbered with the session's next seq, kept for resumes, fanned out).
 * One place, so that a rule about who may publish for a session lands once.
 */
import { Injectable } from '@nestjs/common';
import type { Audience } from '../../realtime/realtime-bus';
import { SessionPublisher } from '../session-publisher.service';
import type { LiveState, StudentState } from './live-state';

@Injectable()
export class LiveEmitter {
  constructor(private readonly publisher: SessionPublisher) {}

  /** Returns the event's seq (several instances: the last one seen, see emitNumbered). */
  emit(st: LiveState, audience: Audience, event: string, data: unknown): number {
    return this.publisher.emit(st.id, audience, event, data);
  }

  /** Resolves with the event's own seq (several instances: once Redis numbered it). */
  emitNumbered(st: LiveState, audience: Audience, event: string, data: unknown): Promise<number> {
    return this.publisher.emitNumbered(st.id, audience, event, data);
  }

  /**
   * One event per group of students who get the same payload (same deadline, same question
   * order): `keyOf` names a student's group, and the payload is built and serialised once
   * per group, from its first student (a launch to 20,000 students builds one or a few;
   * a closure per student was ~1.4 KB of garbage each).
   */
  emitGrouped<S extends StudentState>(
    st: LiveState,
    event: string,
    students: Iterable<S>,
    keyOf: (s: S) => string,
    dataOf: (first: S) => unknown,
  ): void {
    const groups = new Map<string, { ids: string[]; first: S }>();
    for (const s of students) {
      const key = keyOf(s);
      const g = groups.get(key);
      if (g) g.ids.push(s.userId);
      else groups.set(key, { ids: [s.userId], first: s });
    }
    for (const g of groups.values())
      this.emit(st, { kind: 'students', ids: g.ids }, event, dataOf(g.first));
  }

  /** Many events, a chunk per event-loop turn after this one (SessionPublisher.emitInChunks). */
  emitInChunks(st: LiveState, audience: Audience, event: string, list: readonly unknown[]): void {
    this.publisher.emitInChunks(st.id, audience, event, list);
  }
}
