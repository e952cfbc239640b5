#!/usr/bin/env node
// `npm run admin:create -- --academy "…" --email … --name "…"`: builds the backend when
// needed (Nx cache: instant when unchanged), then runs the accounts CLI
// (dist/backend/backend/src/cli/admin.js create …). In a container run the CLI directly.
import { spawnSync } from 'node:child_process';

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
const b = spawnSync('npx', ['nx', 'run', 'backend:build', '--output-style=stream'], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env,
});
if (b.status !== 0) {
  console.error('Backend build failed; run `npx nx run backend:build` to see why.');
  process.exit(b.status ?? 1);
}
const r = spawnSync(
  process.execPath,
  ['dist/backend/backend/src/cli/admin.js', 'create', ...process.argv.slice(2)],
  { stdio: 'inherit', env: process.env },
);
process.exit(r.status ?? 1);
