/**
 * The RealtimeBus for several instances (REDIS_URL set): Redis numbers every session event
 * and fans it out to every instance, each of which delivers it to its own sockets.
 *
 * Why Redis numbers the events: a resuming client says "I have everything up to seq S".
 * That only means something if seqs follow one order for the whole session, whichever
 * instance emitted the event. One Lua script, atomic in Redis, takes the session's next
 * number (INCR), appends the event to the session's capped stream (the resume history
 * every instance can read) and PUBLISHes it on one channel; Redis delivers a channel's
 * messages in publish order, so every instance sees every session's events in seq order.
 *
 * What it never carries is truth: answers, lifecycle facts and grades are committed to the
 * database before anything is published. When Redis is away, publishing fails (no offline
 * queue: nothing stale is sent later) and the fan-out is lost; on the way back every
 * instance is told (onRecovered) so it can resend snapshots to its sockets. Two ways back:
 * this instance's subscriber reconnects (it missed what others published), or its command
 * connection reconnects after publishes failed (every instance missed those, so it signals
 * BUS_RESYNC and all of them resend; the subscriber may have been back long before).
 *
 * A restarted Redis has lost the counters: the script never hands out a number at or below
 * the floor an instance passes (the highest it has seen), so seqs keep increasing.
 */
import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import type { Audience, BusMessage, RealtimeBus } from '../realtime/realtime-bus';

/** Events kept per session for resume across instances (approximate: MAXLEN ~). */
export const STREAM_MAXLEN = 10_000;
/** A session's counter and stream leave Redis this long after its last event. */
const KEY_TTL_MS = 2 * 24 * 3600_000;
/** Control signal: events were published into the void; every instance resends snapshots. */
export const BUS_RESYNC = 'bus.resync';
/** Both connections coming back at once give one resync, not two. */
const RECOVER_DEBOUNCE_MS = 50;

/** A signal from one instance to the others. */
export interface ControlMessage {
  kind: string;
  payload: unknown;
  origin: string;
}

/**
 * Numbers a batch of one session's events (ARGV[5..]) in order, keeps each in the stream and
 * publishes them as one channel message "<first seq>|<event>\n<event>..." (JSON never holds a
 * raw newline). Returns the first seq.
 */
const PUBLISH_SCRIPT = `
local n = #ARGV - 4
local last = redis.call('INCRBY', KEYS[1], n)
local floor = tonumber(ARGV[1])
if last - n < floor then
  last = floor + n
  redis.call('SET', KEYS[1], last)
end
local first = last - n + 1
for i = 1, n do
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], (first + i - 1) .. '-0', 'm', ARGV[4 + i])
end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
redis.call('PUBLISH', ARGV[4], first .. '|' .. table.concat(ARGV, '\\n', 5))
return first
`;

/** Events of one session published in one event-loop turn go to Redis as one batch. */
const BATCH_MAX = 200;

interface Pending {
  message: BusMessage;
  resolve: (seq: number) => void;
  reject: (e: unknown) => void;
}

/** What travels in Redis: the message without its seq (Redis adds it). */
interface WireMessage {
  s: string;
  i: string;
  t: number;
  a: Audience;
  e: string;
  d: unknown;
  o: string;
}

export function encode(m: BusMessage, origin: string): string {
  const w: WireMessage = {
    s: m.sessionId,
    i: m.id,
    t: m.ts,
    a: m.audience,
    e: m.event,
    d: m.data,
    o: origin,
  };
  return JSON.stringify(w);
}

export function decode(seq: number, json: string): BusMessage {
  const w = JSON.parse(json) as WireMessage;
  return {
    sessionId: w.s,
    seq,
    id: w.i,
    ts: w.t,
    audience: w.a,
    event: w.e,
    data: w.d,
    origin: w.o,
  };
}

/** "12|{...}\n{...}" as published on the channel: events numbered 12, 13, ... in order. */
export function decodeChannelMessage(raw: string): BusMessage[] {
  const bar = raw.indexOf('|');
  const first = Number(raw.slice(0, bar));
  if (bar < 1 || !Number.isSafeInteger(first)) return [];
  const out: BusMessage[] = [];
  let from = bar + 1;
  for (let seq = first; from < raw.length; seq++) {
    const end = raw.indexOf('\n', from);
    const to = end < 0 ? raw.length : end;
    out.push(decode(seq, raw.slice(from, to)));
    from = to + 1;
  }
  return out;
}

export class RedisBus implements RealtimeBus, OnApplicationShutdown {
  readonly numbers = true;
  private readonly log = new Logger('RedisBus');
  private readonly handlers = new Set<(m: BusMessage) => void>();
  private readonly recovered = new Set<() => void>();
  private readonly control = new Set<(m: ControlMessage) => void>();
  /** Highest seq delivered (or known) per session on this instance. */
  private readonly high = new Map<string, number>();
  private subDown = false;
  private cmdDown = false;
  /** A publish failed since the command connection was last known to work. */
  private lost = false;
  private recoverTimer?: NodeJS.Timeout;
  private subscribed: Promise<unknown>;
  /** Publishes that failed (Redis away): fan-out lost, truth intact. */
  failures = 0;
  /** This turn's events per session, sent together at the end of the turn. */
  private readonly pending = new Map<string, Pending[]>();

  /** Session events, in seq order. */
  private readonly eventsChannel: string;
  /** Instance-to-instance signals (a login revoked, a session changed): not session events. */
  private readonly controlChannel: string;

  constructor(
    private readonly cmd: Redis,
    private readonly sub: Redis,
    readonly origin: string,
    private readonly prefix = 'exam',
  ) {
    this.eventsChannel = `${prefix}:events`;
    this.controlChannel = `${prefix}:control`;
    cmd.defineCommand('examPublish', { numberOfKeys: 2, lua: PUBLISH_SCRIPT });
    sub.on('message', (channel: string, raw: string) => {
      if (channel === this.eventsChannel) {
        for (const m of decodeChannelMessage(raw)) this.deliver(m);
      } else if (channel === this.controlChannel) this.onControlMessage(raw);
    });
    this.subscribed = sub
      .subscribe(this.eventsChannel, this.controlChannel)
      .catch((e: unknown) => this.log.error({ msg: 'cannot subscribe', err: String(e) }));
    // ioredis re-subscribes by itself after a reconnect; 'ready' after a drop means the
    // fan-out is back and whatever was published meanwhile was lost.
    sub.on('close', () => (this.subDown = true));
    cmd.on('close', () => (this.cmdDown = true));
    sub.on('ready', () => {
      if (!this.subDown) return;
      this.subDown = false;
      this.recover('subscriber back');
    });
    cmd.on('ready', () => {
      if (!this.cmdDown) return;
      this.cmdDown = false;
      if (!this.lost) return;
      this.lost = false;
      // What this instance published meanwhile reached nobody, itself included.
      this.signal(BUS_RESYNC, null);
      this.recover('publishing back after lost events');
    });
  }

  /** Runs the onRecovered handlers once for a burst of reasons. */
  private recover(reason: string): void {
    if (this.recoverTimer) return;
    this.recoverTimer = setTimeout(() => {
      this.recoverTimer = undefined;
      this.log.warn({
        msg: 'fan-out is back: resending snapshots to this instance’s sockets',
        reason,
      });
      for (const f of this.recovered) f();
    }, RECOVER_DEBOUNCE_MS);
  }

  /** Resolves once this instance receives the channel (start-up). */
  ready(): Promise<unknown> {
    return this.subscribed;
  }

  /**
   * Numbered and fanned out with the other events of its session published in this
   * event-loop turn: one script call and one channel message for a progress push of 100
   * students instead of 100 (each of which woke every instance).
   */
  publish(message: BusMessage): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      if (this.pending.size === 0) process.nextTick(() => this.flush());
      const list = this.pending.get(message.sessionId);
      const p: Pending = { message, resolve, reject };
      if (list) list.push(p);
      else this.pending.set(message.sessionId, [p]);
    });
  }

  private flush(): void {
    for (const [sessionId, list] of this.pending) {
      for (let i = 0; i < list.length; i += BATCH_MAX) {
        this.publishBatch(sessionId, list.slice(i, i + BATCH_MAX));
      }
    }
    this.pending.clear();
  }

  private publishBatch(sessionId: string, batch: Pending[]): void {
    (this.cmd as unknown as ExamPublish)
      .examPublish(
        this.seqKey(sessionId),
        this.streamKey(sessionId),
        this.current(sessionId),
        STREAM_MAXLEN,
        KEY_TTL_MS,
        this.eventsChannel,
        ...batch.map((p) => encode(p.message, this.origin)),
      )
      .then(
        (first) => {
          for (let i = 0; i < batch.length; i++) batch[i].resolve(Number(first) + i);
        },
        (e: unknown) => {
          this.failures += batch.length;
          this.lost = true;
          this.log.warn({
            msg: 'events not fanned out: Redis unavailable',
            events: batch.length,
            err: String(e),
          });
          for (const p of batch) p.reject(e);
        },
      );
  }

  subscribe(handler: (message: BusMessage) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  /** Tells the other instances (best effort: a lost signal is covered by the caches' TTLs). */
  signal(kind: string, payload: unknown): void {
    const m: ControlMessage = { kind, payload, origin: this.origin };
    this.cmd.publish(this.controlChannel, JSON.stringify(m)).catch((e: unknown) => {
      this.log.warn({ msg: 'signal not sent: Redis unavailable', kind, err: String(e) });
    });
  }

  /** Signals from the other instances (never this one's own). */
  onSignal(f: (m: ControlMessage) => void): () => void {
    this.control.add(f);
    return () => this.control.delete(f);
  }

  private onControlMessage(raw: string): void {
    let m: ControlMessage;
    try {
      m = JSON.parse(raw) as ControlMessage;
    } catch {
      return;
    }
    if (m.origin === this.origin) return;
    if (m.kind === BUS_RESYNC) return this.recover(`events lost by ${m.origin}`);
    for (const f of this.control) f(m);
  }

  /** Called after Redis comes back from an outage. */
  onRecovered(f: () => void): () => void {
    this.recovered.add(f);
    return () => this.recovered.delete(f);
  }

  /** The highest seq of the session this instance has seen. */
  current(sessionId: string): number {
    return this.high.get(sessionId) ?? 0;
  }

  /**
   * Learns the session's current number from Redis (first use on this instance), never
   * going below `floor` (the database's reservation: a restarted Redis starts from it).
   */
  async ensure(sessionId: string, floor: number): Promise<number> {
    let n = floor;
    try {
      n = Math.max(floor, Number((await this.cmd.get(this.seqKey(sessionId))) ?? 0));
    } catch (e) {
      this.log.warn({ msg: 'seq counter not readable; starting from the floor', err: String(e) });
    }
    const cur = Math.max(this.high.get(sessionId) ?? 0, n);
    this.high.set(sessionId, cur);
    return cur;
  }

  /**
   * The session's events after `afterSeq` from the shared stream, oldest first; null when
   * the stream no longer reaches back that far (trimmed, or Redis restarted).
   */
  async history(sessionId: string, afterSeq: number): Promise<BusMessage[] | null> {
    const key = this.streamKey(sessionId);
    const [first] = (await this.cmd.xrange(key, '-', '+', 'COUNT', 1)) as Array<[string, string[]]>;
    const firstSeq = first ? Number(first[0].split('-')[0]) : Infinity;
    // Without the event right after afterSeq we cannot tell nothing is missing.
    if (firstSeq > afterSeq + 1 && this.current(sessionId) > afterSeq) return null;
    const rows = (await this.cmd.xrange(key, `(${afterSeq}-0`, '+')) as Array<[string, string[]]>;
    return rows.map(([id, fields]) => decode(Number(id.split('-')[0]), fields[1]));
  }

  private seqKey(sessionId: string): string {
    return `${this.prefix}:{${sessionId}}:seq`;
  }

  private streamKey(sessionId: string): string {
    return `${this.prefix}:{${sessionId}}:events`;
  }

  forget(sessionId: string): void {
    this.high.delete(sessionId);
  }

  private deliver(m: BusMessage): void {
    const prev = this.high.get(m.sessionId) ?? 0;
    if (m.seq > prev) this.high.set(m.sessionId, m.seq);
    for (const h of this.handlers) h(m);
  }

  /** Last: the final drains may still publish. */
  async onApplicationShutdown(): Promise<void> {
    this.handlers.clear();
    this.recovered.clear();
    clearTimeout(this.recoverTimer);
    this.control.clear();
    this.flush();
    this.sub.disconnect();
    await this.cmd.quit().catch(() => this.cmd.disconnect());
  }
}

interface ExamPublish {
  examPublish(...args: Array<string | number>): Promise<unknown>;
}
