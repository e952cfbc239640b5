/**
 * Runs the BUILT server (dist/) as a child process, as production does, so a test can
 * SIGKILL it at any moment and start it again on the same database file.
 * `buildServer()` compiles once per test run (tsc + tsc-alias).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
/** A build of our own, so a concurrent `nx build` into dist/backend cannot race with it. */
export const SERVER_OUT = process.env.E2E_SERVER_OUT
  ? resolve(ROOT, process.env.E2E_SERVER_OUT)
  : join(ROOT, 'dist/e2e-server');
export const SERVER_MAIN = join(SERVER_OUT, 'backend/src/main.js');

let built = false;

/**
 * Compiles the backend into dist/e2e-server once per test run, safely across Jest workers:
 * the first worker takes a lock (an atomic mkdir), builds into a temporary folder and swaps
 * it in; the others wait for the lock and reuse that build (a stamp younger than 10 min).
 * A server already running keeps the modules it loaded. SKIP_SERVER_BUILD=1 reuses any build.
 */
export function buildServer(): void {
  if (built) return;
  const stamp = join(SERVER_OUT, '.built-at');
  const fresh = () => existsSync(stamp) && Date.now() - statSync(stamp).mtimeMs < 10 * 60_000;
  if (process.env.SKIP_SERVER_BUILD === '1' && existsSync(SERVER_MAIN)) {
    built = true;
    return;
  }
  const lock = `${SERVER_OUT}.lock`;
  const until = Date.now() + 5 * 60_000;
  // The lock's parent (dist/) may not exist yet on a fresh checkout.
  mkdirSync(dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock, { recursive: false });
      break;
    } catch {
      if (Date.now() > until) throw new Error(`waited 5 min for ${lock}; remove it if stale`);
      execFileSync('sleep', ['0.5']);
      if (!existsSync(lock) && fresh()) {
        built = true;
        return;
      }
    }
  }
  try {
    if (fresh()) {
      built = true;
      return;
    }
    const tmp = `${SERVER_OUT}.tmp-${process.pid}`;
    const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);
    const args = ['-p', 'backend/tsconfig.app.json', '--outDir', tmp];
    execFileSync(bin('tsc'), args, { cwd: ROOT, stdio: 'pipe' });
    execFileSync(bin('tsc-alias'), args, { cwd: ROOT, stdio: 'pipe' });
    writeFileSync(join(tmp, '.built-at'), new Date().toISOString());
    const old = `${SERVER_OUT}.old-${process.pid}`;
    if (existsSync(SERVER_OUT)) renameSync(SERVER_OUT, old);
    renameSync(tmp, SERVER_OUT);
    rmSync(old, { recursive: true, force: true });
    built = true;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });
}

export const SERVER_JWT_SECRET = 'server-process-test-secret-0123456789abcdef';

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  wsUrl: string;
  output: () => string;
  /** Sends the signal and resolves when the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startServer(
  dbFile: string,
  env: Record<string, string> = {},
  port?: number,
): Promise<ServerProcess> {
  const p = port ?? (await freePort());
  const child = spawn(process.execPath, [SERVER_MAIN], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      PORT: String(p),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${dbFile}`,
      JWT_SECRET: SERVER_JWT_SECRET,
      ALLOWED_ORIGINS: 'http://localhost:4200',
      STATIC_DIR: join(dbFile, '..', 'no-spa'),
      LOGIN_MAX_ATTEMPTS: '1000',
      WS_MESSAGES_PER_MINUTE: '100000',
      WS_ANSWERS_PER_10S: '100000',
      WS_MAX_CONNECTIONS_PER_USER: '100',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const baseUrl = `http://127.0.0.1:${p}`;
  const until = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${out}`);
    try {
      const r = await fetch(`${baseUrl}/api/health/live`);
      if (r.status < 500) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`server did not start in 30 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    port: p,
    baseUrl,
    wsUrl: `ws://127.0.0.1:${p}/ws`,
    output: () => out,
    kill: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
