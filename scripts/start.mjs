#!/usr/bin/env node
// `npm start`: builds what is not built yet (Nx cache makes unchanged builds instant),
// then runs the one server: SPA at /, REST at /api, WebSocket at /ws, on PORT (3000).
// Migrations run and demo data is seeded (empty database, not production) on start.
import { spawn, spawnSync } from 'node:child_process';

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
if (!process.argv.includes('--no-build')) {
  const b = spawnSync(
    'npx',
    ['nx', 'run-many', '-t', 'build', '-p', 'backend', 'frontend', '--output-style=stream'],
    { stdio: 'inherit', env },
  );
  if (b.status !== 0) {
    console.error('Build failed; see the output above.');
    process.exit(b.status ?? 1);
  }
}
const server = spawn(process.execPath, ['dist/backend/backend/src/main.js'], {
  stdio: 'inherit',
  env: { ...process.env },
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
