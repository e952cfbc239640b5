/**
 * Records WebSocket connections in the `connections` table (the seed's connection tracking):
 * user, session, IP, user agent, connected/disconnected at, last ping. Writes are batched
 * by the BackgroundWriter; rows left open by a previous process are closed on start.
 */
import { Injectable, type OnModuleInit } from '@nestjs/common';
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

/** Close code written for rows a crashed or restarted process left open. */
export const CLOSE_CODE_SERVER_RESTART = 1012;

@Injectable()
export class ConnectionTracker implements OnModuleInit {
  private readonly pingWritten = new WeakMap<WsClient, number>();

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
  }

  private connected(c: WsClient): void {
    const user = c.ctx.user ?? c.ctx.pendingUser;
    if (!user) return;
    const row: ConnectionEntity = {
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
    };
    this.writer.insertRow(
      'connections',
      ['id', 'academy_id', 'user_id', 'ip', 'user_agent', 'connected_at', 'last_ping_at'],
      [row.id, row.academyId, row.userId, row.ip, row.userAgent, row.connectedAt, row.lastPingAt],
    );
  }

  private disconnected(c: WsClient, code: number): void {
    this.writer.updateRow(
      'connections',
      'id',
      ['disconnected_at', 'close_code', 'last_ping_at'],
      [c.ctx.id, Date.now(), code, c.ctx.lastMessageAt],
    );
  }

  joined(c: WsClient, sessionId: string): void {
    this.writer.updateRow('connections', 'id', ['exam_session_id'], [c.ctx.id, sessionId]);
  }

  /** An application heartbeat arrived. */
  pinged(c: WsClient): void {
    const now = Date.now();
    if (now - (this.pingWritten.get(c) ?? c.ctx.connectedAt) < PING_WRITE_EVERY_MS) return;
    this.pingWritten.set(c, now);
    this.writer.updateRow('connections', 'id', ['last_ping_at'], [c.ctx.id, now]);
  }
}
