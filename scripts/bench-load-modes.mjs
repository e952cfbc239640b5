/**
 * The load client's other modes (bench-load-client.mjs has the entry and `answers`):
 *   echo: `sockets` authenticated sockets each keep `inflight` heartbeats outstanding for
 *     `seconds`; heartbeats answered per second and their round trip.
 *   storm: the `students` connect and join all at once (bench:joins runs it in its own
 *     process beside an `answers` client, so that the answering students' latency is not
 *     the storming client's own delay); they stay until the parent sends a message, then
 *     all close at once.
 *   capacity: every student connects and joins (in batches); then a few answer and the
 *     teacher's grid must show them (it is still live).
 */
import {
  AnswerLoad,
  GridWatch,
  joinAll,
  Latencies,
  launch,
  now,
  openMany,
  sleep,
  teacherOf,
  tokens,
} from './bench-load-common.mjs';

export async function echo(cfg) {
  const n = cfg.sockets ?? 100;
  const inflight = cfg.inflight ?? 4;
  const seconds = cfg.seconds ?? 10;
  const tokenOf = tokens(cfg);
  const socks = await openMany([cfg.wsUrl], cfg.students.slice(0, n), (s) => tokenOf(s));
  const rtt = new Latencies();
  let echoes = 0;
  let running = true;
  const frame = () => JSON.stringify({ event: 'heartbeat', data: { clientNow: Date.now() } });
  await sleep(300);
  process.send({ phase: 'echoing' });
  const start = now();
  for (const ws of socks) {
    const sentAt = [];
    ws.on('message', (raw) => {
      if (!raw.toString().startsWith('{"event":"heartbeat"')) return;
      echoes++;
      rtt.add(now() - sentAt.shift());
      if (running) {
        sentAt.push(now());
        ws.send(frame());
      }
    });
    for (let i = 0; i < inflight; i++) {
      sentAt.push(now());
      ws.send(frame());
    }
  }
  await sleep(seconds * 1000);
  running = false;
  const elapsed = (now() - start) / 1000;
  const counted = echoes;
  process.send({ phase: 'echoed' });
  await sleep(200);
  for (const s of socks) s.terminate();
  return { echoesPerSec: counted / elapsed, ...rtt.summary() };
}

/** The join storm: every student in `students` connects and joins at once. */
export async function storm(cfg) {
  const tokenOf = tokens(cfg);
  const t0 = now();
  const socks = await openMany([cfg.wsUrl], cfg.students, (s) => tokenOf(s), 1000);
  const connectedMs = now() - t0;
  process.send({ phase: 'connected' });
  await joinAll(socks, cfg.sessionId);
  const stormMs = now() - t0;
  // The sockets stay until the parent has measured the storm; then they all leave at once
  // (a mass departure, measured on its own).
  process.send({ phase: 'stormed' });
  await new Promise((r) => process.once('message', r));
  for (const s of socks) s.terminate();
  process.send({ phase: 'left' });
  await sleep(200);
  return {
    joins: socks.length,
    connectedMs: Math.round(connectedMs),
    stormMs: Math.round(stormMs),
  };
}

export async function capacity(cfg) {
  const { students, sessionId, questionIds } = cfg;
  const tokenOf = tokens(cfg);
  const teacher = await teacherOf(cfg, cfg.wsUrl, tokenOf);
  // The parent reads the server's memory (and may collect its garbage) first.
  process.send({ phase: 'connecting' });
  await new Promise((r) => process.once('message', r));
  const t0 = now();
  const socks = await openMany([cfg.wsUrl], students, (s) => tokenOf(s), 200);
  for (let i = 0; i < socks.length; i += 1000) await joinAll(socks.slice(i, i + 1000), sessionId);
  const joinedMs = now() - t0;
  await launch(teacher, socks, sessionId);
  // Idle and joined: the parent reads the server's memory now.
  await sleep(3000);
  process.send({ phase: 'joined', sockets: socks.length });
  await new Promise((r) => process.once('message', r));
  // The grid is still live: 200 students spread over the room answer once each.
  const step = Math.max(1, Math.floor(socks.length / 200));
  const some = socks.filter((_, i) => i % step === 0).slice(0, 200);
  const ids = students.filter((_, i) => i % step === 0).slice(0, 200);
  const grid = new GridWatch(teacher, ids);
  const load = new AnswerLoad(some, sessionId, questionIds, (i, t) => grid.acked(i, t));
  await load.start(200, 1);
  await load.settle();
  await grid.settle();
  for (const s of [teacher, ...socks]) s.terminate();
  return {
    sockets: socks.length,
    joinedMs: Math.round(joinedMs),
    acked: load.acked,
    ack: load.all.summary(),
    grid: grid.lat.summary(),
  };
}
