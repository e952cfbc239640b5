/**
 * Numbers an event with the session's next seq and hands it to the bus: the one way a
 * session event reaches clients (live commands, answers' side effects, results events).
 */
import { Inject, Injectable } from '@nestjs/common';
import {
  REALTIME_BUS,
  type Audience,
  type BusMessage,
  type RealtimeBus,
} from '../realtime/realtime-bus';
import { nextMessageId } from '../realtime/ws-client';
import { SessionSeq } from './session-seq.service';

@Injectable()
export class SessionPublisher {
  constructor(
    private readonly seq: SessionSeq,
    @Inject(REALTIME_BUS) private readonly bus: RealtimeBus,
  ) {}

  /**
   * For a session whose numbering is already set up (its live state is loaded). Returns the
   * event's seq; where Redis numbers events (several instances) the number is not known yet
   * and this returns the last one seen (use emitNumbered when the caller needs it).
   */
  emit(sessionId: string, audience: Audience, event: string, data: unknown): number {
    if (this.bus.numbers) {
      this.emitNumbered(sessionId, audience, event, data).catch(() => undefined);
      return this.seq.current(sessionId);
    }
    const seq = this.seq.next(sessionId);
    void this.bus.publish(this.message(sessionId, seq, audience, event, data));
    return seq;
  }

  /** Like emit, resolving with the event's own seq in every setup. */
  async emitNumbered(
    sessionId: string,
    audience: Audience,
    event: string,
    data: unknown,
  ): Promise<number> {
    if (!this.bus.numbers) return this.emit(sessionId, audience, event, data);
    const seq = await this.bus.publish(this.message(sessionId, 0, audience, event, data));
    return seq ?? 0;
  }

  private message(
    sessionId: string,
    seq: number,
    audience: Audience,
    event: string,
    data: unknown,
  ): BusMessage {
    const ts = Date.now();
    return { sessionId, seq, id: nextMessageId(ts), ts, audience, event, data };
  }

  /** For any session, loaded or not (results events of finished sessions). */
  async publish(sessionId: string, audience: Audience, event: string, data: unknown) {
    await this.seq.ensure(sessionId);
    return this.emit(sessionId, audience, event, data);
  }

  /**
   * Many events, a chunk per event-loop turn after this one: ending a 1,000-student session
   * must not hold its reply (and every answer ack) behind 1,000 frames.
   */
  emitInChunks(
    sessionId: string,
    audience: Audience,
    event: string,
    list: readonly unknown[],
    chunk = 200,
  ): void {
    const step = (from: number) => {
      for (const data of list.slice(from, from + chunk))
        this.emit(sessionId, audience, event, data);
      if (from + chunk < list.length) setImmediate(() => step(from + chunk));
    };
    if (list.length) setImmediate(() => step(0));
  }
}
