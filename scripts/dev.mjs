#!/usr/bin/env node
// `npm run dev`: the backend in watch mode (tsc --watch + node --watch) and the Angular dev
// server on :4200 with a proxy to the backend for /api and /ws.
import { spawn, spawnSync } from 'node:child_process';

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
const first = spawnSync('npx', ['nx', 'run', 'backend:build', '--output-style=stream'], {
  stdio: 'inherit',
  env,
});
if (first.status !== 0) process.exit(first.status ?? 1);
const procs = [
  spawn('npx', ['tsc', '-p', 'backend/tsconfig.app.json', '--watch', '--preserveWatchOutput'], {
    stdio: 'inherit',
    env,
  }),
  spawn('npx', ['tsc-alias', '-p', 'backend/tsconfig.app.json', '--watch'], {
    stdio: 'inherit',
    env,
  }),
  spawn(process.execPath, ['--watch', 'dist/backend/backend/src/main.js'], {
    stdio: 'inherit',
    env,
  }),
  spawn('npx', ['nx', 'run', 'frontend:serve', '--output-style=stream'], { stdio: 'inherit', env }),
];
const stop = () => procs.forEach((p) => p.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
procs.forEach((p) =>
  p.on('exit', (code) => {
    if (code) {
      stop();
      process.exit(code);
    }
  }),
);
