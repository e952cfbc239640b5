/**
 * The fan-out seam: everything that reaches a session's sockets goes through a RealtimeBus.
 * The in-process bus delivers to this instance's subscribers synchronously; a Redis-backed
 * bus (several instances, PostgreSQL) implements the same interface, so neither the gateway
 * nor the domain changes. The bus carries fan-out, never truth: a client that misses a
 * message gets it from the resume buffer or a snapshot built from the database.
 */
import { Injectable } from '@nestjs/common';

/** Who in a session receives an event. */
export type Audience =
  | { kind: 'all' }
  /** The session's staff; `graders`: only those who may see scores (not invigilators). */
  | { kind: 'teachers'; graders?: boolean }
  /** Students of the session; `ids` limits it to these user ids. */
  | { kind: 'students'; ids?: readonly string[] };

export const AUDIENCE_ALL: Audience = { kind: 'all' };
export const AUDIENCE_TEACHERS: Audience = { kind: 'teachers' };
/** Staff who may see scores: the session's teachers, co-teachers and admins. */
export const AUDIENCE_GRADERS: Audience = { kind: 'teachers', graders: true };
export const AUDIENCE_STUDENTS: Audience = { kind: 'students' };

/** One session event as it travels over the bus (already numbered). */
export interface BusMessage {
  sessionId: string;
  seq: number;
  /** Unique message id and server time, copied into the frame. */
  id: string;
  ts: number;
  audience: Audience;
  event: string;
  data: unknown;
  /** The instance that published it (several instances); absent in one process. */
  origin?: string;
}

export interface RealtimeBus {
  /**
   * Whether the bus numbers events itself. One process: SessionSeq numbers them and publish
   * delivers at once. Several instances: Redis numbers them (one order for the whole
   * session), publish ignores `seq` and resolves with the number given.
   */
  readonly numbers: boolean;
  publish(message: BusMessage): void | Promise<number>;
  /** Returns the unsubscribe function. */
  subscribe(handler: (message: BusMessage) => void): () => void;
}

export const REALTIME_BUS = Symbol('REALTIME_BUS');

/** One process: publish calls every subscriber synchronously, in order. */
@Injectable()
export class InProcessBus implements RealtimeBus {
  readonly numbers = false;
  private readonly handlers = new Set<(m: BusMessage) => void>();

  publish(message: BusMessage): void {
    for (const h of this.handlers) h(message);
  }

  subscribe(handler: (message: BusMessage) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }
}

/** Who receives: staff who see scores (teacher), staff who do not (invigilator), a student. */
export type Recipient =
  { role: 'teacher' } | { role: 'invigilator' } | { role: 'student'; userId: string };

/** Whether a recipient is in the audience. */
export function audienceIncludes(a: Audience, who: Recipient): boolean {
  switch (a.kind) {
    case 'all':
      return true;
    case 'teachers':
      return who.role === 'teacher' || (who.role === 'invigilator' && !a.graders);
    case 'students':
      return who.role === 'student' && (a.ids === undefined || a.ids.includes(who.userId));
  }
}
