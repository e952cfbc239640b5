/**
 * Runs expensive socket work (handshake checks, session joins) in slices of at most
 * `budgetMs` per event-loop phase, so that cheap, urgent frames (answers, heartbeats) and
 * the database's replies, which the event loop reads between slices, never wait behind a
 * storm of expensive ones (issue 16: 5,000 students joining at once).
 *
 * Why it is needed: Node reads every socket that has data in one poll phase (libuv goes on
 * for as long as epoll keeps returning full pages of ready sockets). 5,000 join frames that
 * arrive together were all handled in that phase, each with its snapshot (~0.2 ms); an
 * answer that arrived at the same moment, and its group commit (scheduled with setImmediate,
 * after the poll phase), waited for all of them: ack p99 over 1 s during the storm.
 *
 * How: jobs run in order, one after another, each followed by the microtasks it queued (an
 * async job's first steps), while the current slice has time left: a lone join runs at
 * once. A slice opens with the first job of a loop phase and ends at the next check phase
 * (setImmediate); when its time is up, the jobs left wait for that check phase, which gives
 * them a slice of their own, and so on, with a poll phase (answers read, commits done)
 * between any two. Pure: no framework; the clock is injectable for tests.
 */
export class WorkSlicer {
  private queue: Array<(() => void) | undefined> = [];
  private head = 0;
  /** A slice is open (this loop turn's budget is being spent) until the next check phase. */
  private open = false;
  private sliceEnds = 0;
  /** Jobs are being run one per microtask (see step). */
  private chaining = false;
  private turnScheduled = false;

  constructor(
    private readonly budgetMs: number,
    private readonly now: () => number = () => performance.now(),
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  /** Jobs waiting for their turn. */
  get pending(): number {
    return this.queue.length - this.head;
  }

  /** Runs `job` now if this slice has time left and no job waits; else after those that do. */
  submit(job: () => void): void {
    this.queue.push(job);
    if (!this.chaining && this.hasTime()) this.step();
    else this.scheduleTurn();
  }

  private hasTime(): boolean {
    const now = this.now();
    if (!this.open) {
      this.open = true;
      this.sliceEnds = now + this.budgetMs;
      this.scheduleTurn();
    }
    return now < this.sliceEnds;
  }

  private scheduleTurn(): void {
    if (this.turnScheduled) return;
    this.turnScheduled = true;
    setImmediate(this.turn);
  }

  /** Check phase: the poll phase's slice is over; waiting jobs get a slice of their own. */
  private readonly turn = (): void => {
    this.turnScheduled = false;
    this.open = false;
    if (this.pending === 0) return;
    this.open = true;
    this.sliceEnds = this.now() + this.budgetMs;
    // The next turn closes this slice (and runs what is left), after the next poll phase.
    this.scheduleTurn();
    if (!this.chaining) this.step();
  };

  /**
   * Runs the next job, then itself again as a microtask: after the microtasks that job
   * queued (an async job's first awaits), so that the clock sees them. Ends when nothing
   * waits or the slice's time is up (the next turn goes on).
   */
  private readonly step = (): void => {
    if (this.pending === 0) {
      this.queue = [];
      this.head = 0;
      this.chaining = false;
      return;
    }
    if (this.now() >= this.sliceEnds) {
      this.chaining = false;
      this.scheduleTurn();
      return;
    }
    this.chaining = true;
    const job = this.queue[this.head] as () => void;
    this.queue[this.head++] = undefined;
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    try {
      job();
    } catch (err) {
      this.onError(err);
    }
    queueMicrotask(this.step);
  };
}
