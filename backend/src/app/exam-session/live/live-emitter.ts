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
   * order): serialised once per group, not once per student.
   */
  emitGrouped(
    st: LiveState,
    event: string,
    students: Iterable<StudentState>,
    build: (s: StudentState) => { key: string; data: () => unknown },
  ): void {
    const groups = new Map<string, { ids: string[]; data: () => unknown }>();
    for (const s of students) {
      const b = build(s);
      const g = groups.get(b.key);
      if (g) g.ids.push(s.userId);
      else groups.set(b.key, { ids: [s.userId], data: b.data });
    }
    for (const g of groups.values())
      this.emit(st, { kind: 'students', ids: g.ids }, event, g.data());
  }

  /** Many events, a chunk per event-loop turn after this one (SessionPublisher.emitInChunks). */
  emitInChunks(st: LiveState, audience: Audience, event: string, list: readonly unknown[]): void {
    this.publisher.emitInChunks(st.id, audience, event, list);
  }
}
