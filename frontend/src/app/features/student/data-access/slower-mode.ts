/**
 * The student page's slower mode, for networks that block WebSockets: answers go by POST and
 * the page polls, every few seconds, the missed events after its last seq (so warnings and
 * broadcasts still show) and then the snapshot (which also gives the clock offset).
 */
import type {
  AnswerAckPayload,
  AnswerBody,
  LiveSnapshot,
  SessionEventsResponse,
  StudentSnapshot,
} from '@exam/contracts';
import type { Observable } from 'rxjs';
import { toApiError } from '../../../core/api/api-error';
import { offsetFrom } from '../../../core/live/server-clock';
import { forSession } from '../../../core/live/live-payloads';
import type { SeqFrame } from '../../../core/live/session-sync';
import type { AnswerQueue, AnswerWrite } from './answer-queue';

/** The REST calls slower mode needs (LiveSessionApiService). */
export interface SlowerModeApi {
  events(id: string, afterSeq: number): Observable<SessionEventsResponse>;
  snapshot(id: string): Observable<LiveSnapshot>;
  answer(id: string, body: AnswerBody): Observable<AnswerAckPayload>;
}

export interface SlowerModeHost {
  sessionId(): string;
  lastSeq(): number | undefined;
  /** False once the page went back to the socket (late replies are dropped). */
  active(): boolean;
  onEvent(frame: SeqFrame): void;
  onSnapshot(snap: StudentSnapshot, offsetMs: number): void;
}

export class SlowerMode {
  private inFlight = false;
  private lastPoll = 0;

  constructor(
    private readonly api: SlowerModeApi,
    private readonly host: SlowerModeHost,
    private readonly wanted: readonly string[],
    private readonly pollMs: number,
  ) {}

  /** Slower mode starts now: poll at the next tick. */
  reset(): void {
    this.lastPoll = 0;
  }

  /** Called on every tick while in slower mode and online. */
  maybePoll(now = Date.now()): void {
    if (now - this.lastPoll >= this.pollMs) this.poll();
  }

  post(w: AnswerWrite, queue: AnswerQueue): void {
    this.api
      .answer(this.host.sessionId(), {
        questionId: w.questionId,
        answer: w.answer,
        key: w.key,
        seq: w.seq,
        final: w.final,
      })
      .subscribe({
        next: (ack) => queue.ack(ack),
        error: (e: unknown) => {
          const err = toApiError(e);
          if (err.status === 0 || err.status >= 500 || err.status === 429) {
            queue.unreachable(w.key);
          } else {
            queue.reject(w.key, err.message);
          }
        },
      });
  }

  private poll(): void {
    if (this.inFlight) return;
    this.inFlight = true;
    this.lastPoll = Date.now();
    const after = this.host.lastSeq();
    if (after === undefined) {
      this.pollSnapshot();
      return;
    }
    this.api.events(this.host.sessionId(), after).subscribe({
      next: (r) => {
        if (!this.host.active()) {
          this.inFlight = false;
          return;
        }
        if (!r.snapshotRequired) {
          for (const f of r.events) {
            if (this.wanted.includes(f.event) && forSession(f.data, this.host.sessionId())) {
              this.host.onEvent(f);
            }
          }
        }
        this.pollSnapshot();
      },
      error: () => this.pollSnapshot(),
    });
  }

  private pollSnapshot(): void {
    const sentAt = Date.now();
    this.api.snapshot(this.host.sessionId()).subscribe({
      next: (snap) => {
        this.inFlight = false;
        if (snap.role !== 'student' || !this.host.active()) return;
        const at = Date.now();
        this.host.onSnapshot(snap, offsetFrom(snap.serverNow, at, at - sentAt));
      },
      error: () => (this.inFlight = false),
    });
  }
}
