/**
 * What the exam page saw, waiting to reach the server: integrity signals kept on this device
 * (so a reload or a dropped connection loses none), sent in reports of up to 50, forgotten
 * only when the server's ack names them. Measures how long the page was hidden, the window
 * out of focus, or the page out of full screen. Pure: the page feeds it events and a clock.
 */
import {
  MAX_SIGNALS_PER_REPORT,
  type ClientSignalKind,
  type ReportedSignal,
} from '@exam/contracts';

export interface SignalQueueOptions {
  storage: Storage | null;
  storageKey: string;
  /** The server's clock now (the page's estimate). */
  serverNow: () => number;
  newId: () => string;
  /** The kinds this session records (the others are never queued). */
  recorded: () => ReadonlySet<ClientSignalKind>;
}

/** Something that lasts: when it started, and what was on screen then. */
interface Open {
  at: number;
  questionId?: string;
  offline: boolean;
}

export class SignalQueue {
  private pending: ReportedSignal[];
  private readonly open = new Map<ClientSignalKind, Open>();
  /** Ids sent and not yet acknowledged (sent again after a while). */
  private readonly inFlight = new Set<string>();

  constructor(private readonly o: SignalQueueOptions) {
    this.pending = this.read();
  }

  get size(): number {
    return this.pending.length;
  }

  /** Something started (the page hidden, focus lost, full screen left). */
  begin(kind: ClientSignalKind, questionId: string | undefined, offline: boolean): void {
    if (!this.o.recorded().has(kind) || this.open.has(kind)) return;
    this.open.set(kind, {
      at: this.o.serverNow(),
      offline,
      ...(questionId ? { questionId } : {}),
    });
  }

  /** It ended: queued with how long it lasted. */
  end(kind: ClientSignalKind): void {
    const o = this.open.get(kind);
    if (!o) return;
    this.open.delete(kind);
    this.push({
      kind,
      at: o.at,
      durationMs: Math.max(0, Math.round(this.o.serverNow() - o.at)),
      ...(o.questionId ? { questionId: o.questionId } : {}),
      ...(o.offline ? { offline: true } : {}),
    });
  }

  /** Forget something that started (it is covered by another kind). */
  cancel(kind: ClientSignalKind): void {
    this.open.delete(kind);
  }

  /** A paste into an answer: how many characters, never what. */
  paste(chars: number, questionId: string | undefined, offline: boolean): void {
    if (!this.o.recorded().has('paste')) return;
    this.push({
      kind: 'paste',
      at: this.o.serverNow(),
      chars,
      ...(questionId ? { questionId } : {}),
      ...(offline ? { offline: true } : {}),
    });
  }

  /** The next report: what is queued and not in flight (or everything, to resend). */
  nextReport(resend = false): ReportedSignal[] {
    if (resend) this.inFlight.clear();
    const out = this.pending
      .filter((s) => !this.inFlight.has(s.id))
      .slice(0, MAX_SIGNALS_PER_REPORT);
    for (const s of out) this.inFlight.add(s.id);
    return out;
  }

  /** The server stored (or does not want) these: forget them. */
  acked(ids: readonly string[]): void {
    const done = new Set(ids);
    for (const id of ids) this.inFlight.delete(id);
    this.pending = this.pending.filter((s) => !done.has(s.id));
    this.write();
  }

  /** A report failed (refused or not sent): its signals may go again. */
  failed(ids: readonly string[]): void {
    for (const id of ids) this.inFlight.delete(id);
  }

  /** A refused report would be refused again: drop it so that the queue does not stick. */
  drop(ids: readonly string[]): void {
    this.acked(ids);
  }

  private push(s: Omit<ReportedSignal, 'id'>): void {
    this.pending.push({ id: this.o.newId(), ...s } as ReportedSignal);
    this.write();
  }

  private read(): ReportedSignal[] {
    try {
      const raw = this.o.storage?.getItem(this.o.storageKey);
      const list = raw ? (JSON.parse(raw) as unknown) : [];
      return Array.isArray(list) ? (list as ReportedSignal[]) : [];
    } catch {
      return [];
    }
  }

  private write(): void {
    try {
      if (this.pending.length) {
        this.o.storage?.setItem(this.o.storageKey, JSON.stringify(this.pending));
      } else this.o.storage?.removeItem(this.o.storageKey);
    } catch {
      // Storage full or blocked: the signals still go from memory.
    }
  }
}
