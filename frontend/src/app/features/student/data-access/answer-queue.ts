/**
 * The student's answers on their way to the server, so that none is ever lost (R1, R3, R4).
 *
 * - Edits are debounced per question; each write gets a fresh idempotency key and the next
 *   per-question sequence number (never reused: the numbers survive refreshes in storage
 *   and never fall below what the server already holds).
 * - Writes wait in one ordered queue, persisted to localStorage on every change, until the
 *   server acknowledges them by key. An unsent write is superseded by a newer one for the
 *   same question (the server would call the older one stale anyway).
 * - While the transport is down the queue holds (state "queued offline"); when it comes
 *   back every unacknowledged write is sent again in order, with the same key, so a write
 *   whose ack was lost is not stored twice.
 */
import { computed, signal } from '@angular/core';
import type { AnswerAckPayload, AnswerValue, SavedAnswer } from '@exam/contracts';

export interface AnswerWrite {
  key: string;
  questionId: string;
  answer: AnswerValue;
  seq: number;
  final: boolean;
}

export type SaveState = 'saving' | 'saved' | 'queued-offline' | 'error';

export interface QuestionSave {
  state: SaveState;
  savedAt?: number;
  message?: string;
}

/** Where writes go: the WebSocket or the REST fallback. */
export interface AnswerTransport {
  /** True when a write sent now can reach the server. */
  ready(): boolean;
  send(write: AnswerWrite): void;
}

export interface AnswerQueueOptions {
  storage: Storage | null;
  storageKey: string;
  debounceMs: number;
  /** Resend a write that got no reply for this long on a live transport. */
  ackTimeoutMs: number;
  newKey: () => string;
  now: () => number;
}

interface Stored {
  v: 1;
  seqs: Record<string, number>;
  queue: AnswerWrite[];
}

export class AnswerQueue {
  private readonly _queue = signal<readonly AnswerWrite[]>([]);
  private readonly _saves = signal<Readonly<Record<string, QuestionSave>>>({});
  private readonly _drafts = signal<Readonly<Record<string, AnswerValue>>>({});

  /** Writes not yet acknowledged, oldest first. */
  readonly queue = this._queue.asReadonly();
  /** Save state per question id. */
  readonly saves = this._saves.asReadonly();
  /** The student's latest answer per question (typed, queued or saved). */
  readonly drafts = this._drafts.asReadonly();
  readonly pendingCount = computed(() => this._queue().length);
  readonly idle = computed(() => this._queue().length === 0);

  private seqs: Record<string, number> = {};
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly debounced = new Map<string, { answer: AnswerValue; final: boolean }>();
  /** key -> when it was sent on the current transport. */
  private readonly inFlight = new Map<string, number>();
  private transport: AnswerTransport | null = null;

  constructor(private readonly opts: AnswerQueueOptions) {
    this.restore();
  }

  use(transport: AnswerTransport): void {
    this.transport = transport;
  }

  /** The student changed an answer: saved after the debounce (or at once with `immediate`). */
  change(questionId: string, answer: AnswerValue, immediate = false): void {
    this._drafts.update((d) => ({ ...d, [questionId]: answer }));
    this.debounced.set(questionId, { answer, final: false });
    clearTimeout(this.timers.get(questionId));
    if (immediate) {
      this.commitDebounced(questionId);
      return;
    }
    this.setSave(questionId, { state: 'saving' });
    this.timers.set(
      questionId,
      setTimeout(() => this.commitDebounced(questionId), this.opts.debounceMs),
    );
  }

  /** Writes every debounced edit now (leaving a question, before submit, on page hide). */
  flushEdits(): void {
    for (const q of [...this.debounced.keys()]) this.commitDebounced(q);
  }

  /** True while an edit is waiting for its debounce. */
  hasUnsavedEdits(): boolean {
    return this.debounced.size > 0;
  }

  /**
   * What the server holds (snapshot): sequence numbers never go below it, and questions with
   * nothing of ours pending take the server's answer and show as saved.
   */
  applyServerAnswers(saved: readonly SavedAnswer[]): void {
    const pendingQ = new Set(this._queue().map((w) => w.questionId));
    const drafts = { ...this._drafts() };
    const saves = { ...this._saves() };
    for (const a of saved) {
      this.seqs[a.questionId] = Math.max(this.seqs[a.questionId] ?? 0, a.seq);
      if (pendingQ.has(a.questionId) || this.debounced.has(a.questionId)) continue;
      drafts[a.questionId] = a.answer;
      saves[a.questionId] = { state: 'saved', savedAt: a.savedAt };
    }
    this._drafts.set(drafts);
    this._saves.set(saves);
    this.persist();
  }

  /** Sends what is waiting, in order. Call when the transport (re)opens and periodically. */
  pump(): void {
    const t = this.transport;
    if (!t || !t.ready()) {
      this.transportDown();
      return;
    }
    const now = this.opts.now();
    for (const w of this._queue()) {
      const sentAt = this.inFlight.get(w.key);
      if (sentAt !== undefined && now - sentAt < this.opts.ackTimeoutMs) continue;
      this.inFlight.set(w.key, now);
      this.setSave(w.questionId, { state: 'saving' });
      t.send(w);
    }
  }

  /** The connection is gone: everything unacknowledged will be sent again when it returns. */
  transportDown(): void {
    this.inFlight.clear();
    const saves = { ...this._saves() };
    let changed = false;
    for (const w of this._queue()) {
      if (saves[w.questionId]?.state !== 'queued-offline') {
        saves[w.questionId] = { state: 'queued-offline' };
        changed = true;
      }
    }
    if (changed) this._saves.set(saves);
  }

  /** The server's reply to one write, matched by key. Unknown keys are ignored. */
  ack(ack: AnswerAckPayload): void {
    const write = this._queue().find((w) => w.key === ack.key);
    this.inFlight.delete(ack.key);
    if (ack.currentSeq !== undefined) {
      this.seqs[ack.questionId] = Math.max(this.seqs[ack.questionId] ?? 0, ack.currentSeq);
    }
    if (!write) return;
    this.remove(ack.key);
    const newer = this.hasPending(write.questionId);
    switch (ack.status) {
      case 'saved':
      case 'autosaved':
        if (!newer) this.setSave(write.questionId, { state: 'saved', savedAt: ack.savedAt });
        break;
      case 'stale':
        if (!newer)
          this.setSave(write.questionId, {
            state: 'error',
            message: 'A newer answer from another device is kept. Answer again to replace it.',
          });
        break;
      case 'late':
      case 'error':
        this.setSave(write.questionId, {
          state: 'error',
          message: ack.message ?? 'This answer was not saved.',
        });
        break;
    }
  }

  /** The server refused a write for good (error frame or HTTP 4xx): it is not retried. */
  reject(key: string, message: string): void {
    const write = this._queue().find((w) => w.key === key);
    this.inFlight.delete(key);
    if (!write) return;
    this.remove(key);
    this.setSave(write.questionId, { state: 'error', message });
  }

  /** A write could not reach the server (network): it stays queued and goes again later. */
  unreachable(key: string): void {
    const write = this._queue().find((w) => w.key === key);
    this.inFlight.delete(key);
    if (write) this.setSave(write.questionId, { state: 'queued-offline' });
  }

  /** Forget everything (the attempt is over and the server has it all). */
  clear(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.debounced.clear();
    this.inFlight.clear();
    this._queue.set([]);
    this.opts.storage?.removeItem(this.opts.storageKey);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private commitDebounced(questionId: string): void {
    clearTimeout(this.timers.get(questionId));
    this.timers.delete(questionId);
    const edit = this.debounced.get(questionId);
    if (!edit) return;
    this.debounced.delete(questionId);
    this.write(questionId, edit.answer, edit.final);
  }

  private write(questionId: string, answer: AnswerValue, final: boolean): void {
    const seq = (this.seqs[questionId] ?? 0) + 1;
    this.seqs[questionId] = seq;
    const w: AnswerWrite = { key: this.opts.newKey(), questionId, answer, seq, final };
    // An older write for this question that is still waiting is superseded: the newer seq wins.
    const kept = this._queue().filter((x) => x.questionId !== questionId);
    for (const x of this._queue()) if (x.questionId === questionId) this.inFlight.delete(x.key);
    this._queue.set([...kept, w]);
    this.persist();
    const ready = this.transport?.ready() ?? false;
    this.setSave(questionId, { state: ready ? 'saving' : 'queued-offline' });
    if (ready) this.pump();
  }

  private hasPending(questionId: string): boolean {
    return this.debounced.has(questionId) || this._queue().some((w) => w.questionId === questionId);
  }

  private remove(key: string): void {
    this._queue.update((q) => q.filter((w) => w.key !== key));
    this.persist();
  }

  private setSave(questionId: string, save: QuestionSave): void {
    this._saves.update((s) => ({ ...s, [questionId]: save }));
  }

  private persist(): void {
    const data: Stored = { v: 1, seqs: this.seqs, queue: [...this._queue()] };
    try {
      this.opts.storage?.setItem(this.opts.storageKey, JSON.stringify(data));
    } catch {
      // Storage full or blocked: the queue still lives in memory for this page.
    }
  }

  private restore(): void {
    const raw = this.opts.storage?.getItem(this.opts.storageKey);
    if (!raw) return;
    try {
      const data = JSON.parse(raw) as Partial<Stored>;
      if (data.v !== 1 || !Array.isArray(data.queue)) return;
      this.seqs = { ...(data.seqs ?? {}) };
      const queue = data.queue.filter(
        (w): w is AnswerWrite =>
          typeof w?.key === 'string' &&
          typeof w.questionId === 'string' &&
          typeof w.seq === 'number' &&
          typeof w.answer === 'object' &&
          w.answer !== null,
      );
      this._queue.set(queue);
      const drafts: Record<string, AnswerValue> = {};
      const saves: Record<string, QuestionSave> = {};
      for (const w of queue) {
        drafts[w.questionId] = w.answer;
        saves[w.questionId] = { state: 'queued-offline' };
      }
      this._drafts.set(drafts);
      this._saves.set(saves);
    } catch {
      // Unreadable: start empty rather than fail the exam page.
    }
  }
}
