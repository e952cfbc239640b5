/**
 * What the benchmark scripts share: their `--name value` arguments, the server build into
 * dist/e2e-server (skipped with SKIP_BUILD=1), and a free port.
 */
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_OUT = join(ROOT, 'dist/e2e-server');

/** `--students 1000 --rate 2000` -> { students: '1000', rate: '2000' }. */
export function benchArgs(argv = process.argv.slice(2)) {
  return Object.fromEntries(
    argv.reduce(
      (acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc),
      [],
    ),
  );
}

export function buildServer() {
  if (process.env.SKIP_BUILD) return;
  console.log('building the server...');
  const bin = (n) => join(ROOT, 'node_modules/.bin', n);
  for (const tool of ['tsc', 'tsc-alias']) {
    execFileSync(bin(tool), ['-p', 'backend/tsconfig.app.json', '--outDir', SERVER_OUT], {
      cwd: ROOT,
      stdio: 'inherit',
    });
  }
}

export function freePort() {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => res(p));
    });
  });
}

/**
 * The environment a benchmarked server runs with: test mode, the bench secret, limits
 * raised for the load (connections, frames and answers per client), quiet logs unless
 * BENCH_LOG_LEVEL says otherwise, TRACE_ANSWER_WRITER passed through; `extra` last.
 */
export function benchServerEnv({ port, secret, dir, extra = {} }) {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    JWT_SECRET: secret,
    JWT_ACCESS_TTL_SECONDS: '3600',
    ALLOWED_ORIGINS: 'http://localhost:4200',
    STATIC_DIR: join(dir, 'no-spa'),
    WS_MESSAGES_PER_MINUTE: '100000',
    WS_ANSWERS_PER_10S: '100000',
    WS_MAX_CONNECTIONS_PER_IP: '1000000',
    WS_MAX_CONNECTIONS: '1000000',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error',
    ...(process.env.TRACE_ANSWER_WRITER ? { TRACE_ANSWER_WRITER: '1' } : {}),
    // BENCH_NODE_OPTIONS=--perf-basic-prof: JS names for `perf record -p <server pid>`.
    ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
    ...(process.env.BENCH_ALLOC_PROFILE
      ? { BENCH_ALLOC_PROFILE: process.env.BENCH_ALLOC_PROFILE }
      : {}),
    ...extra,
  };
}
