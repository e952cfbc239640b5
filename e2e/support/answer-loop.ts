/**
 * Students answering without pause while instances die or restart (the several-instance
 * tests): each sends one short-text answer at a time and waits for its ack; with no reply
 * (its instance died) it sends the same key again; when its socket closes it reconnects
 * (the test says where, with its last seq) and carries on. Counts what was acknowledged.
 */
import { randomUUID } from 'node:crypto';
import type { AnswerAckPayload } from '@exam/contracts';
import { lastSeqOf, sleep } from './live-helpers';
import type { TestSocket } from './ws-client';

export interface AnswerLoop {
  /** Each student's socket now (replaced on reconnect). */
  current: TestSocket[];
  /** Keys acknowledged as saved or autosaved. */
  acked: Set<string>;
  reconnects: number;
  /** Stops after each student's answer in flight; resolves when all have stopped. */
  stop(): Promise<void>;
}

export function answerLoop(opts: {
  sockets: TestSocket[];
  sessionId: string;
  questionId: string;
  /** A new socket for student i, joined with this last seq; may throw (tried again). */
  reconnect: (i: number, lastSeq: number, old: TestSocket) => Promise<TestSocket>;
  pauseMs?: number;
}): AnswerLoop {
  let stopped = false;
  const state: AnswerLoop = {
    current: [...opts.sockets],
    acked: new Set(),
    reconnects: 0,
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
    },
  };
  const loops = state.current.map(async (_, i) => {
    let n = 0;
    let pending: { key: string; seq: number } | null = null;
    while (!stopped) {
      const s = state.current[i];
      if (s.closed) {
        try {
          state.current[i] = await opts.reconnect(i, lastSeqOf(s), s);
          state.reconnects++;
        } catch {
          await sleep(200); // no instance for us this instant
        }
        continue;
      }
      pending ??= { key: randomUUID(), seq: ++n };
      const p = pending;
      s.send('answer_autosaved', {
        sessionId: opts.sessionId,
        questionId: opts.questionId,
        answer: { text: `answer ${p.seq}` },
        seq: p.seq,
        key: p.key,
      });
      const ack = await s
        .next<AnswerAckPayload>('answer_ack', (f) => f.data.key === p.key, 3_000)
        .catch(() => null);
      if (!ack) continue; // no reply: the same key again
      if (ack.data.status === 'autosaved' || ack.data.status === 'saved') state.acked.add(p.key);
      pending = null;
      await sleep(opts.pauseMs ?? 20);
    }
  });
  return state;
}
