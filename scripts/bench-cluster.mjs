#!/usr/bin/env node
/**
 * Benchmark (not a test): several instances on PostgreSQL and Redis beside one instance, under
 * the same load.
 *
 *   npm run bench:cluster [-- --instances 3 --students 3000 --rate 3000 --seconds 15]
 *                         [--only cluster|single]   (BENCH_PROFILE=<dir>: CPU profiles)
 *
 * 1. builds the server (dist/e2e-server, as bench:answers);
 * 2. per setup (N instances, then 1): a fresh PostgreSQL database exam_bench_<random> on the
 *    server BENCH_POSTGRES_URL names (admin connection, default
 *    postgres://postgres@127.0.0.1:5432/postgres) and a Redis prefix of its own on
 *    BENCH_REDIS_URL (default redis://127.0.0.1:6379); the first instance starts alone
 *    (migrations, demo data), then the others;
 * 3. the students, an exam of 20 short_text questions and a session with all of them enrolled
 *    go straight into the database;
 * 4. the load client (scripts/bench-load-client.mjs) spreads the students round-robin over the
 *    instances (the teacher on the first): join, launch, answers at a fixed total rate.
 *    Latencies: send -> answer_ack (after COMMIT), and answer -> the teacher's grid (the
 *    student's student_progress at the teacher's socket);
 * 5. prints both setups side by side. Every child is killed, the databases dropped and the
 *    Redis keys deleted at the end, also on Ctrl-C.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import pg from 'pg';
import {
  benchArgs,
  benchServerEnv,
  buildServer,
  freePort,
  ROOT,
  SERVER_OUT,
} from './bench-support.mjs';
import { seedBench } from './bench-seed.mjs';
import { cpuOf, runClient } from './bench-targets.mjs';

const args = benchArgs();
const INSTANCES = Number(args.instances ?? 3);
const STUDENTS = Number(args.students ?? 3000);
const RATE = Number(args.rate ?? 3000);
const SECONDS = Number(args.seconds ?? 15);
const PG_ADMIN = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** `--only cluster` or `--only single`: one of the two setups (profiling, quicker tries). */
const ONLY = args.only;
/** BENCH_PROFILE=<dir>: a V8 CPU profile per instance (written when it stops). */
const PROFILE = process.env.BENCH_PROFILE
  ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
  : [];
const SECRET = 'bench-secret-0123456789abcdef0123456789abcdef';

// --- what has to go at the end, whatever happens ---
const children = new Set();
const databases = new Set();
const prefixes = new Set();
const dir = mkdtempSync(join(tmpdir(), 'exam-bench-cluster-'));

function killAll(signal = 'SIGTERM') {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill(signal);
}
async function stopChildren(list = [...children]) {
  const exited = list.map((c) =>
    c.exitCode !== null || c.signalCode !== null
      ? Promise.resolve()
      : new Promise((r) => c.once('exit', r)),
  );
  for (const c of list) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  const timer = setTimeout(() => {
    for (const c of list) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  }, 5_000);
  await Promise.all(exited);
  clearTimeout(timer);
  for (const c of list) children.delete(c);
}
async function dropDatabase(name) {
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  try {
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    databases.delete(name);
  } catch (e) {
    console.error(`could not drop database ${name}: ${e.message}`);
  } finally {
    await admin.end().catch(() => {});
  }
}
async function deleteRedisKeys(prefix) {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
    prefixes.delete(prefix);
  } catch (e) {
    console.error(`could not delete the Redis keys ${prefix}:*: ${e.message}`);
  } finally {
    redis.disconnect();
  }
}
let cleaning;
function cleanup() {
  cleaning ??= (async () => {
    await stopChildren();
    for (const name of [...databases]) await dropDatabase(name);
    for (const prefix of [...prefixes]) await deleteRedisKeys(prefix);
    rmSync(dir, { recursive: true, force: true });
  })();
  return cleaning;
}
let interrupted = false;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    interrupted = true;
    console.error(`\n${sig}: stopping the instances, dropping the databases...`);
    cleanup().finally(() => process.exit(130));
  });
}
process.on('exit', () => {
  killAll('SIGKILL'); // only if something got past cleanup()
  rmSync(dir, { recursive: true, force: true });
});

async function waitLive(port, child) {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`instance on port ${port} exited (${child.signalCode ?? child.exitCode})`);
    }
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health/live`)).ok) return;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`instance on port ${port} did not start in 120 s`);
}

function startInstance(i, env) {
  return freePort().then((port) => {
    const child = spawn(process.execPath, [...PROFILE, join(SERVER_OUT, 'backend/src/main.js')], {
      cwd: ROOT,
      env: benchServerEnv({
        port,
        secret: SECRET,
        dir,
        extra: { ...env, INSTANCE_NAME: `app${i + 1}` },
      }),
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.add(child);
    return { child, port };
  });
}

/** The benchmark's data (bench-seed.mjs) in the PostgreSQL database. */
async function insertData(url) {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const q = async (sql, p = []) => {
      let n = 0;
      return (
        await db.query(
          sql.replace(/\?/g, () => `$${++n}`),
          p,
        )
      ).rows;
    };
    return await seedBench(q, STUDENTS);
  } finally {
    await db.end();
  }
}

/** One setup: `size` instances on a fresh database and Redis prefix, the load, the figures. */
async function runSetup(label, size) {
  const tag = randomBytes(4).toString('hex');
  const dbName = `exam_bench_${tag}`;
  const prefix = `bench${tag}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
  } catch (e) {
    throw new Error(`PostgreSQL at ${new URL(PG_ADMIN).host}: ${e.message} (BENCH_POSTGRES_URL)`);
  } finally {
    await admin.end().catch(() => {});
  }
  databases.add(dbName);
  prefixes.add(prefix);
  const u = new URL(PG_ADMIN);
  u.pathname = `/${dbName}`;
  const dbUrl = u.toString();
  const env = { DATABASE_URL: dbUrl, REDIS_URL, REDIS_PREFIX: prefix };

  console.log(`\n[${label}] starting ${size} instance(s) on ${dbName}, Redis prefix ${prefix}`);
  const first = await startInstance(0, env);
  await waitLive(first.port, first.child);
  const rest = [];
  for (let i = 1; i < size; i++) rest.push(await startInstance(i, env));
  await Promise.all(rest.map((r) => waitLive(r.port, r.child)));
  const instances = [first, ...rest];

  const data = await insertData(dbUrl);
  console.log(`[${label}] ${STUDENTS} students enrolled; load: ${RATE} answers/s for ${SECONDS} s`);

  const serverCpu = () => instances.reduce((sum, r) => sum + cpuOf(r.child.pid), 0);
  const cpuBefore = serverCpu();
  const result = await runClient({
    wsUrls: instances.map((r) => `ws://127.0.0.1:${r.port}/ws`),
    secret: SECRET,
    ...data,
    rate: RATE,
    seconds: SECONDS,
  });
  const cpuMs = serverCpu() - cpuBefore;
  const pgc = new pg.Client({ connectionString: dbUrl });
  await pgc.connect();
  const n = Number(
    (
      await pgc.query('SELECT COUNT(*) AS n FROM answers WHERE exam_session_id = $1', [
        data.sessionId,
      ])
    ).rows[0].n,
  );
  await pgc.end();

  console.log(
    `\n[${label}] ${size} instance(s) on PostgreSQL + Redis, ${STUDENTS} students, offered ${RATE} answers/s for ${SECONDS} s`,
  );
  console.log(
    `  launch -> last student received exam_launch: ${result.launch.last} ms (per-student p50 ${result.launch.p50} ms, p99 ${result.launch.p99} ms)`,
  );
  console.log(
    `  durable acks/s: ${result.ackedPerSec.toFixed(0)} (acked ${result.acked} of ${result.offered} offered, errors ${result.errors}, rows of the session in DB ${n}; last ack ${result.tailMs.toFixed(0)} ms after the last send)`,
  );
  console.log(
    `  load client: sent ${result.sentPerSec.toFixed(0)}/s, its own event-loop lag p99 ${result.clientLag.p99.toFixed(1)} ms, max ${result.clientLag.max.toFixed(1)} ms`,
  );
  if (!Number.isNaN(cpuMs)) {
    console.log(
      `  server CPU (all instances) from join to last ack: ${(cpuMs / 1000).toFixed(1)} s (${((cpuMs / result.acked) * 1000).toFixed(0)} µs per acked answer, joins and launch included)`,
    );
  }
  console.log(
    `  ack latency: p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, max ${result.max.toFixed(1)} ms`,
  );
  console.log(
    `  answer -> teacher's grid: p50 ${result.grid.p50.toFixed(1)} ms, p99 ${result.grid.p99.toFixed(1)} ms (n ${result.grid.n})`,
  );

  await stopChildren(instances.map((r) => r.child));
  await dropDatabase(dbName);
  await deleteRedisKeys(prefix);
  return { label, result, cpuMs, rows: n };
}

try {
  buildServer();
  const setups = [];
  if (ONLY !== 'single') setups.push(await runSetup(`${INSTANCES} instances`, INSTANCES));
  if (ONLY !== 'cluster') setups.push(await runSetup('1 instance', 1));

  const ms = (x) => `${x.toFixed(1)} ms`;
  console.log(
    `\nbench:cluster, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} CPU(s), ${STUDENTS} students, offered ${RATE} answers/s for ${SECONDS} s, PostgreSQL + Redis`,
  );
  console.log('| setup | acks/s | ack p50 | ack p99 | grid p50 | grid p99 | launch | CPU s |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const { label, result: r, cpuMs } of setups) {
    console.log(
      `| ${label} | ${r.ackedPerSec.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.grid.p50)} | ${ms(r.grid.p99)} | ${r.launch.last} ms | ${(cpuMs / 1000).toFixed(1)} |`,
    );
  }
  await cleanup();
  process.exit(0);
} catch (e) {
  if (!interrupted) console.error(`bench:cluster failed: ${e.stack ?? e}`);
  await cleanup();
  process.exit(interrupted ? 130 : 1);
}
