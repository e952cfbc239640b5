/**
 * Resume bookkeeping for one live session (R9), independent of the role: a snapshot replaces
 * the state and sets the sequence number; later events are applied in order and only when
 * newer than the last one applied, so a replay that overlaps what was already seen is merged
 * without double effects. Events before the first snapshot are ignored (the snapshot that
 * follows the join includes them).
 */
import { signal } from '@angular/core';

export interface SeqFrame {
  event: string;
  data: unknown;
  seq?: number;
  ts?: number;
}

export type Reducer<S> = (state: S, frame: SeqFrame) => S;

export class SessionSync<S> {
  private readonly _state = signal<S | null>(null);
  readonly state = this._state.asReadonly();
  private _lastSeq: number | undefined;
  /** The state is a copy kept on this device, not yet confirmed by the server. */
  private provisional = false;

  constructor(private readonly reduce: Reducer<S>) {}

  /** The highest session seq applied; sent back on (re)join. */
  get lastSeq(): number | undefined {
    return this._lastSeq;
  }

  /** Replace everything with a snapshot current at `seq`. */
  replace(state: S, seq: number): void {
    this._state.set(state);
    this._lastSeq = seq;
    this.provisional = false;
  }

  /**
   * Show a state kept on this device (offline reload) until the server's snapshot replaces
   * it. No seq is set, so the next join asks for a full snapshot; events are ignored until then.
   */
  restore(state: S): void {
    if (this._state() !== null) return;
    this._state.set(state);
    this.provisional = true;
  }

  /** True while the state is only the copy kept on this device. */
  get fromDevice(): boolean {
    return this.provisional;
  }

  /** Apply one event; returns false when it was a duplicate or arrived before any snapshot. */
  apply(frame: SeqFrame): boolean {
    const current = this._state();
    if (current === null || this.provisional) return false;
    if (frame.seq !== undefined) {
      if (this._lastSeq !== undefined && frame.seq <= this._lastSeq) return false;
      this._lastSeq = frame.seq;
    }
    this._state.set(this.reduce(current, frame));
    return true;
  }

  /** Change the state outside the event stream (e.g. a REST reply that mirrors an event). */
  update(fn: (s: S) => S): void {
    const current = this._state();
    if (current !== null) this._state.set(fn(current));
  }
}
