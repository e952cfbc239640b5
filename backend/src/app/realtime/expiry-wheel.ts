/**
 * Deadlines for many sockets on a few Node timers. Every socket has a token that expires,
 * and a deadline per socket used to be two timers (warn, then close): with 20,000 sockets
 * that was 40,000 timer objects and their closures (~0.4 KB a socket, issue 16's memory
 * goal). Here deadlines fall into slots of SLOT_MS, rounded up (never early), and each slot
 * in use has one timer. An item is in at most one slot; `add` returns it for `remove`.
 */
export const SLOT_MS = 250;

export class ExpiryWheel<T> {
  private readonly slots = new Map<number, Set<T>>();
  private readonly timers = new Map<number, NodeJS.Timeout>();

  constructor(
    private readonly fire: (item: T) => void,
    private readonly slotMs = SLOT_MS,
  ) {}

  /** Calls `fire(item)` at `at` (or up to one slot later); returns the slot it went into. */
  add(item: T, at: number): number {
    const slot = Math.ceil(at / this.slotMs) * this.slotMs;
    let set = this.slots.get(slot);
    if (!set) {
      this.slots.set(slot, (set = new Set()));
      const timer = setTimeout(() => this.run(slot), Math.max(0, slot - Date.now()));
      timer.unref();
      this.timers.set(slot, timer);
    }
    set.add(item);
    return slot;
  }

  remove(item: T, slot: number): void {
    const set = this.slots.get(slot);
    if (!set?.delete(item) || set.size > 0) return;
    this.slots.delete(slot);
    clearTimeout(this.timers.get(slot));
    this.timers.delete(slot);
  }

  /** Items waiting (tests, metrics). */
  get size(): number {
    let n = 0;
    for (const s of this.slots.values()) n += s.size;
    return n;
  }

  /** Forgets every deadline (shutdown). */
  clear(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.slots.clear();
  }

  private run(slot: number): void {
    const set = this.slots.get(slot);
    this.slots.delete(slot);
    this.timers.delete(slot);
    if (set) for (const item of set) this.fire(item);
  }
}
