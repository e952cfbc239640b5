/**
 * The student's clock: server time from the best offset known (the socket's, the polled
 * snapshot's in slower mode, or the one kept on the device after an offline reload), the
 * time left before this student's deadline, and the phase after it (grace, closing).
 */
import { computed, signal, type Signal } from '@angular/core';
import { remainingMs } from '../../../core/live/server-clock';
import { clockPhase, type ClockPhase } from './grace';
import type { StudentExamState } from './student-exam.state';

export interface StudentClockSources {
  state: Signal<StudentExamState | null>;
  /** True in slower (REST) mode. */
  rest: Signal<boolean>;
  /** True while the state is the copy kept on this device. */
  fromDevice: Signal<boolean>;
  socketOffsetMs: Signal<number>;
}

export class StudentClock {
  private readonly localNow = signal(Date.now());
  /** Measured from the polled snapshot in slower mode. */
  readonly restOffset = signal<number | null>(null);
  /** Kept with the device copy, used until the server is heard again. */
  readonly deviceOffset = signal<number | null>(null);

  readonly offsetMs = computed(() => {
    const device = this.deviceOffset();
    if (this.src.fromDevice() && device !== null) return device;
    const rest = this.restOffset();
    return this.src.rest() && rest !== null ? rest : this.src.socketOffsetMs();
  });
  readonly serverNow = computed(() => this.localNow() + this.offsetMs());
  readonly remainingMs = computed(() => {
    const s = this.src.state();
    if (!s) return null;
    return remainingMs(s.deadline, this.serverNow(), s.status === 'paused' ? s.pausedAt : null);
  });
  /** Running, in the grace period after the deadline, or closing (the server ends the attempt). */
  readonly phase = computed<ClockPhase>(() => {
    const s = this.src.state();
    if (!s || s.attemptStatus === 'completed' || (s.status !== 'active' && s.status !== 'paused'))
      return { kind: 'running' };
    return clockPhase(
      s.deadline,
      this.serverNow(),
      s.config.gracePeriodSeconds,
      s.status === 'paused' ? s.pausedAt : null,
    );
  });

  constructor(private readonly src: StudentClockSources) {}

  /** Moves the clock on (the page's tick, and whenever a snapshot arrives). */
  tick(now = Date.now()): void {
    this.localNow.set(now);
  }
}
