#!/usr/bin/env node
// `npm test`: format check, lint, type checks, build, then every jest suite (unit,
// integration, browser). Ends with one line `N passed, N failed` adding up every suite;
// each non-jest step counts as one check. Exit code is non-zero when anything failed.
// Run one step alone: `node scripts/run-tests.mjs unit` (names below).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const env = {
  ...process.env,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  FORCE_COLOR: '0',
};
const out = 'tmp/test-results';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const jest = (name, config, extra = []) => ({
  name,
  jest: true,
  cmd: [
    'npx',
    'jest',
    '-c',
    config,
    '--json',
    `--outputFile=${join(out, name + '.json')}`,
    ...extra,
  ],
});

const steps = [
  { name: 'format', cmd: ['npx', 'prettier', '--check', '.', '--log-level', 'warn'] },
  {
    name: 'lint',
    cmd: ['npx', 'nx', 'run-many', '-t', 'lint', '--output-style=stream', '--skip-nx-cache'],
  },
  {
    name: 'typecheck',
    cmd: ['npx', 'nx', 'run-many', '-t', 'typecheck', '--output-style=stream', '--skip-nx-cache'],
  },
  {
    name: 'build',
    cmd: [
      'npx',
      'nx',
      'run-many',
      '-t',
      'build',
      '-p',
      'backend',
      'frontend',
      '--output-style=stream',
    ],
  },
  jest('unit-contracts', 'libs/contracts/jest.config.ts'),
  jest('unit-backend', 'backend/jest.config.ts'),
  jest('unit-frontend', 'frontend/jest.config.ts'),
  jest('integration', 'e2e/jest.api.config.ts'),
  jest('browser', 'e2e/jest.browser.config.ts'),
];

const only = process.argv.slice(2);
const groups = {
  unit: ['unit-contracts', 'unit-backend', 'unit-frontend'],
  checks: ['format', 'lint', 'typecheck'],
};
const wanted = only.length ? new Set(only.flatMap((n) => groups[n] ?? [n])) : null;

let passed = 0;
let failed = 0;
let skipped = 0;
const report = [];
for (const step of steps) {
  if (wanted && !wanted.has(step.name)) continue;
  if (
    step.name === 'browser' &&
    wanted === null &&
    !existsSync('dist/frontend/browser/index.html')
  ) {
    console.error('browser tests need the built frontend (build step failed?)');
  }
  console.log(`\n=== ${step.name}: ${step.cmd.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: 'inherit', env });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (step.jest) {
    const file = join(out, step.name + '.json');
    if (existsSync(file)) {
      const j = JSON.parse(readFileSync(file, 'utf8'));
      passed += j.numPassedTests;
      failed += j.numFailedTests;
      skipped += j.numPendingTests + j.numTodoTests;
      // A suite that could not even load counts as a failure.
      const broken = j.testResults.filter(
        (t) => t.status === 'failed' && t.assertionResults.length === 0,
      ).length;
      failed += broken;
      if (j.numTotalTests === 0) failed += 1;
      report.push(
        `${step.name}: ${j.numPassedTests} passed, ${j.numFailedTests + broken} failed (${secs} s)`,
      );
    } else {
      failed += 1;
      report.push(`${step.name}: did not run (exit ${r.status}) (${secs} s)`);
    }
    if (r.status !== 0 && existsSync(file) === false) continue;
  } else if (r.status === 0) {
    passed += 1;
    report.push(`${step.name}: ok (${secs} s)`);
  } else {
    failed += 1;
    report.push(`${step.name}: FAILED (${secs} s)`);
  }
}
console.log('\n=== summary');
for (const line of report) console.log('  ' + line);
console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''));
process.exit(failed > 0 ? 1 : 0);
