/**
 * Per-session sequence numbers for resume (R9) that keep increasing across restarts.
 * Numbers are handed out from a reservation stored in session_seq_reservations: on first
 * use in a process, numbering starts at the stored reservation and a new one (+BLOCK) is
 * committed before any number is used; when half a block is used the next reservation is
 * written in the background. A restart therefore never reuses a seq, and the resume buffer
 * opens at the reservation so older lastSeqs get a snapshot.
 */
import { Inject, Injectable } from '@nestjs/common';
import { RedisBus } from '../cluster/redis-bus';
import { REALTIME_BUS, type RealtimeBus } from '../realtime/realtime-bus';
import { SessionRooms } from '../realtime/session-rooms.service';
import { SessionSeqReservationEntity } from './entities/session-seq-reservation.entity';
import { LiveWriteDb } from './live-write-db.service';

export const SEQ_BLOCK = 1_000_000;

interface Counter {
  current: number;
  reservedUpTo: number;
  extending: boolean;
}

@Injectable()
export class SessionSeq {
  private readonly counters = new Map<string, Counter>();
  private readonly loading = new Map<string, Promise<void>>();

  constructor(
    private readonly db: LiveWriteDb,
    private readonly rooms: SessionRooms,
    @Inject(REALTIME_BUS) private readonly bus: RealtimeBus,
  ) {}

  /** Loads the session's counter (once per process). */
  ensure(sessionId: string): Promise<void> {
    if (this.counters.has(sessionId)) return Promise.resolve();
    let p = this.loading.get(sessionId);
    if (!p) {
      p = this.load(sessionId).finally(() => this.loading.delete(sessionId));
      this.loading.set(sessionId, p);
    }
    return p;
  }

  private async load(sessionId: string): Promise<void> {
    const start = await this.db.transaction(async (em) => {
      const row = await em.findOneBy(SessionSeqReservationEntity, { examSessionId: sessionId });
      const from = row?.reservedUpTo ?? 0;
      await em.upsert(
        SessionSeqReservationEntity,
        { examSessionId: sessionId, reservedUpTo: from + SEQ_BLOCK },
        ['examSessionId'],
      );
      return from;
    });
    // Several instances: Redis numbers the events; the reservation is only the floor a
    // restarted Redis starts from (so numbers never go back).
    const current = this.bus instanceof RedisBus ? await this.bus.ensure(sessionId, start) : start;
    this.counters.set(sessionId, {
      current,
      reservedUpTo: start + SEQ_BLOCK,
      extending: false,
    });
    this.rooms.openBuffer(sessionId, current);
  }

  current(sessionId: string): number {
    if (this.bus instanceof RedisBus) {
      this.counter(sessionId);
      return this.bus.current(sessionId);
    }
    return this.counter(sessionId).current;
  }

  next(sessionId: string): number {
    const c = this.counter(sessionId);
    c.current++;
    if (!c.extending && c.current >= c.reservedUpTo - SEQ_BLOCK / 2) {
      c.extending = true;
      const upTo = c.reservedUpTo + SEQ_BLOCK;
      void this.db
        .transaction((em) =>
          em.update(
            SessionSeqReservationEntity,
            { examSessionId: sessionId },
            { reservedUpTo: upTo },
          ),
        )
        .then(() => (c.reservedUpTo = upTo))
        .finally(() => (c.extending = false));
    }
    return c.current;
  }

  private counter(sessionId: string): Counter {
    const c = this.counters.get(sessionId);
    if (!c) throw new Error(`session ${sessionId}: seq counter not loaded (call ensure first)`);
    return c;
  }
}
