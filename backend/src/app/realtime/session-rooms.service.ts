/**
 * Which sockets are in which exam session (teachers, and students by user id), and delivery
 * of the session events the bus carries: each event is serialised once, kept in the resume
 * buffer, and the same string is sent to every recipient socket in chunks of a few hundred
 * with setImmediate between them, so answer acks never wait behind a 5,000-socket loop.
 * One FIFO delivery queue keeps every socket's events in seq order.
 */
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ServerFrame } from '@exam/contracts';
import {
  audienceIncludes,
  REALTIME_BUS,
  type Audience,
  type BusMessage,
  type RealtimeBus,
  type Recipient,
} from './realtime-bus';
import { RedisBus } from '../cluster/redis-bus';
import { ResumeBuffer, type BufferedEvent } from './resume-buffer';
import type { WsClient } from './ws-client';

/** teacher: staff who see scores; invigilator: staff who do not (session-access.ts). */
export type RoomRole = 'teacher' | 'invigilator' | 'student';

interface Room {
  teachers: Set<WsClient>;
  invigilators: Set<WsClient>;
  students: Map<string, Set<WsClient>>;
}

interface Delivery {
  frame: string;
  recipients: WsClient[];
  next: number;
}

/** Sockets sent to per tick before yielding to the event loop. */
export const DELIVERY_CHUNK = 256;
export const RESUME_BUFFER_EVENTS = 10_000;

@Injectable()
export class SessionRooms implements OnModuleInit, OnModuleDestroy {
  private readonly rooms = new Map<string, Room>();
  readonly buffer = new ResumeBuffer(RESUME_BUFFER_EVENTS);
  private readonly queue: Delivery[] = [];
  private draining = false;
  private unsubscribe?: () => void;
  /** Frames sent, for metrics and tests. */
  sent = 0;

  constructor(@Inject(REALTIME_BUS) private readonly bus: RealtimeBus) {}

  onModuleInit(): void {
    this.unsubscribe = this.bus.subscribe((m) => this.deliver(m));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  join(client: WsClient, sessionId: string, role: RoomRole): void {
    let room = this.rooms.get(sessionId);
    if (!room) {
      room = { teachers: new Set(), invigilators: new Set(), students: new Map() };
      this.rooms.set(sessionId, room);
    }
    if (role === 'teacher') room.teachers.add(client);
    else if (role === 'invigilator') room.invigilators.add(client);
    else {
      const uid = client.ctx.user?.id ?? '';
      let set = room.students.get(uid);
      if (!set) room.students.set(uid, (set = new Set()));
      set.add(client);
    }
    client.ctx.sessions.add(sessionId);
  }

  /** Removes the socket; returns true when it was the student's last socket in the room. */
  leave(client: WsClient, sessionId: string): { wasStudent: boolean; lastSocket: boolean } {
    client.ctx.sessions.delete(sessionId);
    const room = this.rooms.get(sessionId);
    if (!room) return { wasStudent: false, lastSocket: false };
    if (room.teachers.delete(client) || room.invigilators.delete(client))
      return { wasStudent: false, lastSocket: false };
    const uid = client.ctx.user?.id ?? '';
    const set = room.students.get(uid);
    if (!set || !set.delete(client)) return { wasStudent: false, lastSocket: false };
    if (set.size === 0) room.students.delete(uid);
    return { wasStudent: true, lastSocket: set.size === 0 };
  }

  /** Takes these users' staff sockets out of the room (removed from the session's staff). */
  dropTeachers(sessionId: string, userIds: ReadonlySet<string>): WsClient[] {
    const room = this.rooms.get(sessionId);
    if (!room) return [];
    const out = [...room.teachers, ...room.invigilators].filter((c) =>
      userIds.has(c.ctx.user?.id ?? ''),
    );
    for (const c of out) {
      room.teachers.delete(c);
      room.invigilators.delete(c);
      c.ctx.sessions.delete(sessionId);
    }
    return out;
  }

  /** Takes out the student sockets whose user is no longer enrolled (taken off the lobby). */
  dropStudents(sessionId: string, enrolled: (userId: string) => boolean): WsClient[] {
    const room = this.rooms.get(sessionId);
    if (!room) return [];
    const out: WsClient[] = [];
    for (const [uid, set] of room.students) {
      if (enrolled(uid)) continue;
      room.students.delete(uid);
      for (const c of set) {
        c.ctx.sessions.delete(sessionId);
        out.push(c);
      }
    }
    return out;
  }

  /** Every socket in the room with its role (resending snapshots after a Redis outage). */
  members(sessionId: string): Array<{ client: WsClient; role: RoomRole }> {
    const room = this.rooms.get(sessionId);
    if (!room) return [];
    const out: Array<{ client: WsClient; role: RoomRole }> = [];
    for (const c of room.teachers) out.push({ client: c, role: 'teacher' });
    for (const c of room.invigilators) out.push({ client: c, role: 'invigilator' });
    for (const set of room.students.values())
      for (const c of set) out.push({ client: c, role: 'student' });
    return out;
  }

  isStudentOnline(sessionId: string, userId: string): boolean {
    return this.studentSockets(sessionId, userId) > 0;
  }

  /** How many sockets of this student are in the room (on this instance). */
  studentSockets(sessionId: string, userId: string): number {
    return this.rooms.get(sessionId)?.students.get(userId)?.size ?? 0;
  }

  socketCount(sessionId: string): number {
    const room = this.rooms.get(sessionId);
    if (!room) return 0;
    let n = room.teachers.size + room.invigilators.size;
    for (const s of room.students.values()) n += s.size;
    return n;
  }

  /** Opens the resume buffer of a session whose numbering (re)starts after `floor`. */
  openBuffer(sessionId: string, floor: number): void {
    this.buffer.open(sessionId, floor);
  }

  /** Missed events for this recipient after lastSeq, or null when a snapshot is needed. */
  missedSince(
    sessionId: string,
    lastSeq: number,
    currentSeq: number,
    who: Recipient,
  ): BufferedEvent[] | null {
    return this.buffer.since(sessionId, lastSeq, currentSeq, (a) => audienceIncludes(a, who));
  }

  /** Sends a frame to one socket directly (replies, snapshots, replays). */
  sendTo(client: WsClient, frame: string): void {
    if (client.readyState === 1) {
      client.send(frame);
      this.sent++;
    }
  }

  /** Drops a finished session's room and buffer. */
  close(sessionId: string): void {
    this.rooms.delete(sessionId);
    this.buffer.drop(sessionId);
  }

  private recipients(sessionId: string, a: Audience): WsClient[] {
    const room = this.rooms.get(sessionId);
    if (!room) return [];
    // Loops, not push(...set): a spread made an array of arguments per set.
    const out: WsClient[] = [];
    if (a.kind === 'all' || a.kind === 'teachers') for (const c of room.teachers) out.push(c);
    if (a.kind === 'all' || (a.kind === 'teachers' && !a.graders))
      for (const c of room.invigilators) out.push(c);
    if (a.kind === 'all' || (a.kind === 'students' && a.ids === undefined)) {
      for (const set of room.students.values()) for (const c of set) out.push(c);
    } else if (a.kind === 'students' && a.ids) {
      for (const id of a.ids) {
        const set = room.students.get(id);
        if (set) for (const c of set) out.push(c);
      }
    }
    return out;
  }

  /**
   * Several instances: whether a resume from lastSeq needs the session's shared history
   * (this instance's buffer does not reach back that far).
   */
  needsHistory(sessionId: string, lastSeq: number): boolean {
    if (!(this.bus instanceof RedisBus)) return false;
    const floor = this.buffer.floorOf(sessionId);
    return floor === undefined || lastSeq < floor;
  }

  /** The session's events after lastSeq from Redis (several instances), or null. */
  async history(sessionId: string, lastSeq: number): Promise<BufferedEvent[] | null> {
    if (!(this.bus instanceof RedisBus)) return null;
    try {
      const list = await this.bus.history(sessionId, lastSeq);
      return list?.map((m) => ({ seq: m.seq, audience: m.audience, frame: frameOf(m) })) ?? null;
    } catch {
      return null;
    }
  }

  /**
   * Missed events from the shared history, then from this instance's buffer for what came
   * after it; null when the two do not meet (a snapshot is needed).
   */
  missedWithHistory(
    sessionId: string,
    lastSeq: number,
    currentSeq: number,
    who: Recipient,
    history: BufferedEvent[],
  ): BufferedEvent[] | null {
    const match = (a: Audience) => audienceIncludes(a, who);
    const top = history.length ? history[history.length - 1].seq : lastSeq;
    const upTo = history.filter((e) => e.seq <= currentSeq && match(e.audience));
    if (top >= currentSeq) return upTo;
    const tail = this.buffer.since(sessionId, top, currentSeq, match);
    return tail ? [...upTo, ...tail] : null;
  }

  private deliver(m: BusMessage): void {
    const frame = frameOf(m);
    this.buffer.append(m.sessionId, { seq: m.seq, audience: m.audience, frame });
    // The staff's events (most of all: every answer's progress to the teachers' grid) go
    // at once when no delivery waits, so in order: no list of recipients per event.
    const a = m.audience;
    if (a.kind === 'teachers' && this.queue.length === 0) {
      const room = this.rooms.get(m.sessionId);
      if (room && room.teachers.size + room.invigilators.size <= DELIVERY_CHUNK) {
        for (const c of room.teachers) this.sendTo(c, frame);
        if (!a.graders) for (const c of room.invigilators) this.sendTo(c, frame);
        return;
      }
    }
    const recipients = this.recipients(m.sessionId, m.audience);
    if (recipients.length === 0) return;
    this.queue.push({ frame, recipients, next: 0 });
    if (!this.draining) this.drain();
  }

  private drain(): void {
    this.draining = true;
    let budget = DELIVERY_CHUNK;
    while (this.queue.length > 0 && budget > 0) {
      const d = this.queue[0];
      while (d.next < d.recipients.length && budget > 0) {
        this.sendTo(d.recipients[d.next++], d.frame);
        budget--;
      }
      if (d.next >= d.recipients.length) this.queue.shift();
    }
    if (this.queue.length > 0) setImmediate(() => this.drain());
    else this.draining = false;
  }
}

/** The frame a bus message becomes on the wire (serialised once, sent to every socket). */
function frameOf(m: BusMessage): string {
  const f: ServerFrame = {
    event: m.event,
    data: m.data,
    id: m.id,
    ts: m.ts,
    seq: m.seq,
    sessionId: m.sessionId,
  };
  return JSON.stringify(f);
}
