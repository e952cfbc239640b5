/**
 * Session clocks under leases (several instances; see session-ownership.ts for why a lease
 * row). Every LEASE_RENEW_MS this instance renews the leases it holds and offers to take
 * every live session whose lease ran out (its owner died, or nobody claimed it): the first
 * instance whose conditional upsert matches becomes the owner with a larger token. A lease
 * lives LEASE_TTL_MS past its last renewal, so a dead owner's sessions are taken over within
 * LEASE_TTL_MS + LEASE_RENEW_MS (about 3.5 s).
 */
import { Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { placeholders } from '../database/placeholders';
import { LeaseLostError, type SessionOwnership } from './session-ownership';

export const LEASE_TTL_MS = 2_500;
export const LEASE_RENEW_MS = 1_000;

interface Held {
  token: number;
}

export class LeaseKeeper implements SessionOwnership, OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('Leases');
  private readonly held = new Map<string, Held>();
  private readonly gained: Array<(id: string) => void> = [];
  private readonly lost: Array<(id: string) => void> = [];
  private timer?: NodeJS.Timeout;
  private round?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly db: DataSource,
    readonly instanceId: string,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.tick(), LEASE_RENEW_MS);
    this.timer.unref();
  }

  /** Stops renewing and gives the leases back, so another instance takes over at once. */
  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.round;
    const ids = [...this.held.keys()];
    this.held.clear();
    if (ids.length === 0) return;
    await this.db
      .query(
        this.sql(
          `UPDATE session_leases SET expires_at = 0 WHERE owner_id = ? AND exam_session_id IN (${ids.map(() => '?').join(', ')})`,
        ),
        [this.instanceId, ...ids],
      )
      .catch((e: unknown) => this.log.warn({ msg: 'leases not released', err: String(e) }));
  }

  owns(sessionId: string): boolean {
    return this.held.has(sessionId);
  }

  async fence(em: EntityManager, sessionId: string): Promise<void> {
    const h = this.held.get(sessionId);
    const rows = h
      ? ((await em.query(
          this.sql(
            'UPDATE session_leases SET expires_at = expires_at WHERE exam_session_id = ? AND owner_id = ? AND token = ? RETURNING token',
          ),
          [sessionId, this.instanceId, h.token],
        )) as unknown[])
      : [];
    if (rowsOf(rows).length === 0) {
      this.drop(sessionId);
      throw new LeaseLostError(sessionId);
    }
  }

  async claim(sessionId: string): Promise<boolean> {
    if (this.held.has(sessionId)) return true;
    return this.tryAcquire(sessionId, Date.now());
  }

  onGained(f: (sessionId: string) => void): void {
    this.gained.push(f);
  }

  onLost(f: (sessionId: string) => void): void {
    this.lost.push(f);
  }

  /** Renew what is held, take what is free (exported for tests). */
  tick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.round ??= this.renewAndTake()
      .catch((e: unknown) => this.log.warn({ msg: 'lease round failed', err: String(e) }))
      .finally(() => (this.round = undefined));
    return this.round;
  }

  private async renewAndTake(): Promise<void> {
    const now = Date.now();
    for (const [id, h] of [...this.held]) {
      const rows = rowsOf(
        await this.db.query(
          this.sql(
            'UPDATE session_leases SET expires_at = ? WHERE exam_session_id = ? AND owner_id = ? AND token = ? RETURNING token',
          ),
          [now + LEASE_TTL_MS, id, this.instanceId, h.token],
        ),
      );
      if (rows.length === 0) this.drop(id);
    }
    const live = (await this.db.query(
      "SELECT id FROM exam_sessions WHERE status IN ('active', 'paused')",
    )) as Array<{ id: string }>;
    const liveIds = new Set(live.map((r) => r.id));
    // Finished sessions: their clock has nothing left to do.
    for (const id of [...this.held.keys()]) if (!liveIds.has(id)) this.release(id);
    for (const id of liveIds) {
      if (this.stopped) return;
      if (!this.held.has(id)) await this.tryAcquire(id, now);
    }
  }

  private async tryAcquire(sessionId: string, now: number): Promise<boolean> {
    const rows = rowsOf(
      await this.db.query(
        this.sql(
          `INSERT INTO session_leases (exam_session_id, owner_id, token, expires_at) VALUES (?, ?, 1, ?)
           ON CONFLICT (exam_session_id) DO UPDATE SET owner_id = excluded.owner_id,
             token = session_leases.token + 1, expires_at = excluded.expires_at
           WHERE session_leases.expires_at < ?
           RETURNING token, owner_id`,
        ),
        [sessionId, this.instanceId, now + LEASE_TTL_MS, now],
      ),
    ) as Array<{ token: string | number; owner_id: string }>;
    const row = rows[0];
    if (!row || row.owner_id !== this.instanceId) return false;
    this.held.set(sessionId, { token: Number(row.token) });
    this.log.log({ msg: 'session clock taken', sessionId, token: Number(row.token) });
    for (const f of this.gained) f(sessionId);
    return true;
  }

  private release(sessionId: string): void {
    this.held.delete(sessionId);
    void this.db
      .query(this.sql('DELETE FROM session_leases WHERE exam_session_id = ? AND owner_id = ?'), [
        sessionId,
        this.instanceId,
      ])
      .catch(() => undefined);
  }

  private drop(sessionId: string): void {
    if (!this.held.delete(sessionId)) return;
    this.log.warn({ msg: 'session clock lost to another instance', sessionId });
    for (const f of this.lost) f(sessionId);
  }

  private sql(text: string): string {
    return placeholders(this.db.options.type, text);
  }
}

/** PostgreSQL's driver returns rows for a RETURNING query; TypeORM may wrap them as [rows, n]. */
function rowsOf(result: unknown): unknown[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0])) {
    return result[0] as unknown[];
  }
  return Array.isArray(result) ? result : [];
}
