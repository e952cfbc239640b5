/**
 * Records WebSocket connections in the `connections` table (the seed's connection tracking):
 * user, session, IP, user agent, connected/disconnected at, last ping. Writes are batched
 * by the BackgroundWriter; rows left open by a previous process are closed on start.
 *
 * A new socket's row is held for up to HOLD_MS before it is queued: a student joins right
 * after connecting, and the row then goes in once with its session, instead of an INSERT
 * and an UPDATE (a join storm wrote 5,000 of each). A row is queued at once when its socket
 * joins or closes, after HOLD_MS otherwise, and at shutdown. Presence is advisory (R11): a
 * kill -9 loses at most the rows of the last HOLD_MS, and the start of the next process
 * closes the rows it finds open.
 */
import { Injectable, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { ConnectionRegistry } from '../realtime/connection-registry.service';
import type { WsClient } from '../realtime/ws-client';
import { BackgroundWriter } from './background-writer';
import { ConnectionEntity } from './entities/connection.entity';
import { LiveWriteDb } from './live-write-db.service';

/**
 * last_ping_at is written at most this often per connection: it says the socket was alive
 * (diagnostics, and the final value is written on disconnect). A row update per heartbeat
 * cost a database write per frame under heavy heartbeat traffic (bench:echo).
 */
const PING_WRITE_EVERY_MS = 15_000;

/** How long a new socket's row waits for the socket's join (see the file header). */
export const HOLD_MS = 1_000;

/** Close code written for rows a crashed or restarted process left open. */
export const CLOSE_CODE_SERVER_RESTART = 1012;

/** Every column, so that all held rows are one statement shape for the writer. */
const ROW_COLUMNS = [
  'id',
  'academy_id',
  'user_id',
  'exam_session_id',
  'ip',
  'user_agent',
  'connected_at',
  'disconnected_at',
  'last_ping_at',
  'close_code',
] as const;

const CLOSE_COLUMNS = ['disconnected_at', 'close_code', 'last_ping_at'] as const;
const SESSION_COLUMNS = ['exam_session_id'] as const;
const PING_COLUMNS = ['last_ping_at'] as const;

@Injectable()
export class ConnectionTracker implements OnModuleInit, BeforeApplicationShutdown {
  private readonly pingWritten = new WeakMap<WsClient, number>();
  /** Rows not queued yet, by connection id, oldest first. */
  private readonly held = new Map<string, ConnectionEntity>();
  private sweeper?: NodeJS.Timeout;

  constructor(
    private readonly registry: ConnectionRegistry,
    private readonly writer: BackgroundWriter,
    private readonly db: LiveWriteDb,
  ) {}

  async onModuleInit(): Promise<void> {
    const now = Date.now();
    await this.db.transaction((em) =>
      em.update(
        ConnectionEntity,
        { disconnectedAt: IsNull() },
        { disconnectedAt: now, closeCode: CLOSE_CODE_SERVER_RESTART },
      ),
    );
    this.registry.addListener({
      onConnected: (c) => this.connected(c),
      onDisconnected: (c, code) => this.disconnected(c, code),
    });
    this.sweeper = setInterval(() => this.release(Date.now() - HOLD_MS), HOLD_MS / 2);
    this.sweeper.unref();
  }

  /** Shutdown: every held row is queued (the writer drains after this). */
  beforeApplicationShutdown(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.release(Infinity);
  }

  private connected(c: WsClient): void {
    const user = c.ctx.user ?? c.ctx.pendingUser;
    if (!user) return;
    this.held.set(c.ctx.id, {
      id: c.ctx.id,
      academyId: user.academyId,
      userId: user.id,
      examSessionId: null,
      ip: c.ctx.ip.slice(0, 64),
      userAgent: c.ctx.userAgent.slice(0, 300),
      connectedAt: c.ctx.connectedAt,
      disconnectedAt: null,
      lastPingAt: c.ctx.connectedAt,
      closeCode: null,
    });
  }

  private disconnected(c: WsClient, code: number): void {
    const row = this.held.get(c.ctx.id);
    if (row) {
      this.held.delete(c.ctx.id);
      this.queue({
        ...row,
        disconnectedAt: Date.now(),
        closeCode: code,
        lastPingAt: c.ctx.lastMessageAt,
      });
      return;
    }
    this.writer.updateRow('connections', 'id', CLOSE_COLUMNS, [
      c.ctx.id,
      Date.now(),
      code,
      c.ctx.lastMessageAt,
    ]);
  }

  joined(c: WsClient, sessionId: string): void {
    const row = this.held.get(c.ctx.id);
    if (row) {
      this.held.delete(c.ctx.id);
      this.queue({ ...row, examSessionId: sessionId });
      return;
    }
    this.writer.updateRow('connections', 'id', SESSION_COLUMNS, [c.ctx.id, sessionId]);
  }

  /** Queues the held rows of sockets that connected before `before` (all: Infinity). */
  private release(before: number): void {
    for (const [id, row] of this.held) {
      if (row.connectedAt >= before) break;
      this.held.delete(id);
      this.queue(row);
    }
  }

  private queue(r: ConnectionEntity): void {
    this.writer.insertRow('connections', ROW_COLUMNS, [
      r.id,
      r.academyId,
      r.userId,
      r.examSessionId,
      r.ip,
      r.userAgent,
      r.connectedAt,
      r.disconnectedAt,
      r.lastPingAt,
      r.closeCode,
    ]);
  }

  /** An application heartbeat arrived. */
  pinged(c: WsClient): void {
    const now = Date.now();
    if (now - (this.pingWritten.get(c) ?? c.ctx.connectedAt) < PING_WRITE_EVERY_MS) return;
    this.pingWritten.set(c, now);
    const row = this.held.get(c.ctx.id);
    if (row) row.lastPingAt = now;
    else this.writer.updateRow('connections', 'id', PING_COLUMNS, [c.ctx.id, now]);
  }
}
