/**
 * Who runs a live session's clock (time warnings, per-student expiry, the automatic end).
 *
 * One process (SQLite, the default): this process, always. Several instances: exactly one
 * instance at a time, under a lease row in the database (session_leases) with a fencing
 * token. Why a lease row in PostgreSQL rather than Redis: the clock's effects are database
 * writes, and the fence is checked inside the same transaction as those writes (the row
 * lock on the lease orders it with a takeover), so a paused or cut-off former owner can
 * never commit a warning or an expiry after another instance took over, whatever the
 * clocks or Redis do. Redis being away never stops the clock.
 */
import type { EntityManager } from 'typeorm';

export const SESSION_OWNERSHIP = Symbol('SESSION_OWNERSHIP');

export interface SessionOwnership {
  /** Whether this instance runs the session's clock now. */
  owns(sessionId: string): boolean;
  /**
   * Inside a clock transaction: throws LeaseLostError (rolling it back) when this instance
   * no longer holds the session's lease.
   */
  fence(em: EntityManager, sessionId: string): Promise<void>;
  /** A session went live here (launch): try to take its clock at once. */
  claim(sessionId: string): Promise<boolean>;
  /** Called when this instance gains a session (rebuild it from the database, then tick). */
  onGained(f: (sessionId: string) => void): void;
  /** Called when this instance loses one (stop its timer). */
  onLost(f: (sessionId: string) => void): void;
}

export class LeaseLostError extends Error {
  constructor(sessionId: string) {
    super(`lease of session ${sessionId} lost: another instance runs its clock`);
  }
}

/** One process: it owns every session. */
export class SingleProcessOwnership implements SessionOwnership {
  owns(): boolean {
    return true;
  }
  async fence(): Promise<void> {}
  async claim(): Promise<boolean> {
    return true;
  }
  onGained(): void {}
  onLost(): void {}
}
