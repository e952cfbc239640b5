#!/usr/bin/env node
// `npm run start:cluster`: several instances of the built server on local PostgreSQL and
// Redis, and nginx in front of them when it is installed (ops/nginx/exam-cluster.conf).
//   npm run start:cluster                 3 instances on ports 3001-3003, nginx on 8080
//   CLUSTER_SIZE=5 npm run start:cluster  5 instances
// Settings (environment): DATABASE_URL (default postgres://postgres@127.0.0.1:5432/exam_cluster,
// created when missing), REDIS_URL (default redis://127.0.0.1:6379), JWT_SECRET (one is
// generated for the run when unset: every instance must share it), CLUSTER_BASE_PORT (3001),
// CLUSTER_PORT (nginx, 8080), --no-build, --no-nginx.
// The first instance starts alone (migrations, demo data), then the others.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const size = Number(process.env.CLUSTER_SIZE ?? 3);
const basePort = Number(process.env.CLUSTER_BASE_PORT ?? 3001);
const proxyPort = Number(process.env.CLUSTER_PORT ?? 8080);
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/exam_cluster';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const jwtSecret = process.env.JWT_SECRET ?? randomBytes(32).toString('hex');
const argv = process.argv.slice(2);

if (!databaseUrl.startsWith('postgres')) {
  console.error('start:cluster needs PostgreSQL: set DATABASE_URL=postgres://user@host:5432/db');
  process.exit(2);
}

if (!argv.includes('--no-build')) {
  const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
  const b = spawnSync(
    'npx',
    ['nx', 'run-many', '-t', 'build', '-p', 'backend', 'frontend', '--output-style=stream'],
    { stdio: 'inherit', env, cwd: root },
  );
  if (b.status !== 0) process.exit(b.status ?? 1);
}

await createDatabaseIfMissing(databaseUrl);

const children = [];
let stopping = false;
function stopAll(signal = 'SIGTERM') {
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill(signal);
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => stopAll('SIGTERM'));

function startInstance(i) {
  const port = basePort + i;
  const child = spawn(process.execPath, ['dist/backend/backend/src/main.js'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      JWT_SECRET: jwtSecret,
      INSTANCE_NAME: `app${i + 1}`,
      ALLOWED_ORIGINS:
        process.env.ALLOWED_ORIGINS ??
        `http://localhost:${proxyPort},http://127.0.0.1:${proxyPort},localhost:4200`,
      TRUST_PROXY: process.env.TRUST_PROXY ?? 'true',
    },
  });
  const prefix = `[app${i + 1}:${port}] `;
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream.on('data', (d) => {
      const lines = (rest + d).split('\n');
      rest = lines.pop() ?? '';
      for (const l of lines) process.stdout.write(prefix + l + '\n');
    });
  }
  child.on('exit', (code, signal) => {
    console.log(`${prefix}exited (${signal ?? code})`);
    if (!stopping)
      console.log(`${prefix}the others keep serving; restart it with the same command`);
    if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) process.exit(0);
  });
  children.push(child);
  return port;
}

async function healthy(port, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (r.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`instance on port ${port} not healthy after ${timeoutMs / 1000} s`);
}

const ports = [startInstance(0)];
await healthy(ports[0]);
for (let i = 1; i < size; i++) ports.push(startInstance(i));
await Promise.all(ports.map((p) => healthy(p)));

let entry = `http://127.0.0.1:${ports[0]}`;
if (!argv.includes('--no-nginx') && spawnSync('nginx', ['-v']).status === 0) {
  const dir = join(tmpdir(), `exam-nginx-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, nginxConfig(ports, proxyPort));
  const nginx = spawn('nginx', ['-c', conf, '-p', dir, '-g', 'daemon off;'], { stdio: 'inherit' });
  children.push(nginx);
  entry = `http://localhost:${proxyPort}`;
}
console.log(`\n${size} instances on ${ports.join(', ')}; open ${entry}\n`);

/** ops/nginx/exam-cluster.conf with these upstream ports and this listen port. */
function nginxConfig(upstreamPorts, listenPort) {
  const text = readFileSync(join(root, 'ops/nginx/exam-cluster.conf'), 'utf8');
  const servers = upstreamPorts
    .map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`)
    .join('\n');
  return text
    .replace(/( {4}server 127\.0\.0\.1:\d+[^\n]*\n)+/, `${servers}\n`)
    .replace(/listen \d+;/, `listen ${listenPort};`);
}

async function createDatabaseIfMissing(url) {
  const { Client } = await import('pg');
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  if (!/^[a-z0-9_]+$/i.test(name)) return;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const c = new Client({ connectionString: admin.toString() });
  try {
    await c.connect();
    const r = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (r.rowCount === 0) {
      await c.query(`CREATE DATABASE ${name}`);
      console.log(`created database ${name}`);
    }
  } catch (e) {
    console.error(
      `PostgreSQL at ${u.host} is not reachable (${e.message}). Start it, or set DATABASE_URL.`,
    );
    process.exit(2);
  } finally {
    await c.end().catch(() => undefined);
  }
}
