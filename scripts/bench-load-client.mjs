/**
 * The load client of the benchmarks (a separate process so its CPU does not count against
 * the servers'). Config `mode`:
 *   answers (default): one socket per student, one launch, then answers at a fixed total
 *     rate for `seconds`; send -> answer_ack latency, and answer -> teacher's grid (per
 *     student the send time of the oldest acked answer not yet shown; the next
 *     student_progress of that student at the teacher's socket records now - that time).
 *     `rate: 0` measures the launch alone. `reportEvery` (s) sends interval figures while
 *     answering (the soak).
 *   echo, storm, capacity: bench-load-modes.mjs.
 * `wsUrl` (one server) or `wsUrls` (several instances: students round-robin over them, the
 * teacher on the first). Phases are reported to the parent as { phase } messages, so that
 * it can read the server's CPU and memory at the right moments; the result is the last
 * message.
 *
 * The real server accepts a token only while its login (`sid`, a refresh_tokens family) is
 * live: `families` maps each user id to a family the caller stored; the baseline ignores it.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
  AnswerLoad,
  GridWatch,
  joinAll,
  launch,
  openMany,
  sleep,
  teacherOf,
  tokens,
} from './bench-load-common.mjs';
import { capacity, echo, storm } from './bench-load-modes.mjs';

process.once('message', async (cfg) => {
  const modes = { answers, echo, storm, capacity };
  const result = await modes[cfg.mode ?? 'answers'](cfg);
  process.send({ phase: 'done', result });
});

async function answers(cfg) {
  const { students, sessionId, questionIds, rate, seconds } = cfg;
  const wsUrls = cfg.wsUrls ?? [cfg.wsUrl];
  const tokenOf = tokens(cfg);
  const teacher = await teacherOf(cfg, wsUrls[0], tokenOf);
  const grid = new GridWatch(teacher, students);
  const socks = await openMany(wsUrls, students, (s) => tokenOf(s));
  const load = new AnswerLoad(socks, sessionId, questionIds, (i, t0) => grid.acked(i, t0));
  await joinAll(socks, sessionId);
  process.send({ phase: 'joined' });
  await sleep(500);
  process.send({ phase: 'launch' });
  const launched = await launch(teacher, socks, sessionId);
  process.send({ phase: 'launched' });
  await sleep(1000);
  // A warm-up at the same rate, not measured: both servers reach their steady state (the
  // JIT has compiled the hot path) before the answering phase counts.
  if (rate && cfg.warmup) {
    await load.start(rate, cfg.warmup);
    await load.settle();
    await grid.settle();
    load.reset();
    grid.reset();
  }

  process.send({ phase: 'answering' });
  // The client's own event-loop lag while sending: if it is high, the client (not the
  // server) delays sends and reads, and the latencies are the client's.
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  // The soak: figures of each interval while answering.
  const ticker =
    cfg.reportEvery &&
    setInterval(() => {
      const w = load.current;
      load.window('main');
      process.send({ phase: 'tick', ack: w.summary(), pending: load.pending.size });
    }, cfg.reportEvery * 1000);
  if (rate) await load.start(rate, seconds);
  if (ticker) clearInterval(ticker);
  await load.settle();
  await grid.settle();
  lag.disable();
  for (const s of [teacher, ...socks]) s.terminate();
  return {
    launch: launched,
    acked: load.acked,
    errors: load.errors + load.pending.size,
    // Offered at a fixed rate for `seconds`: the durable rate is what got acked in that time
    // (every ack also printed against its own latency and the tail below).
    ackedPerSec: seconds ? load.acked / seconds : 0,
    offered: load.offered,
    tailMs: Math.max(0, load.lastAckAt - (load.sentDone ?? 0)),
    ...load.all.summary(),
    grid: grid.lat.summary(),
    sentPerSec: seconds ? load.offered / seconds : 0,
    clientLag: { p99: lag.percentile(99) / 1e6, max: lag.max / 1e6 },
  };
}
