#!/usr/bin/env node
/**
 * `npm test`: everything CI checks, in the order that fails fastest — types, lint, the Electron
 * security audit, build, then the vitest suites (unit + integration against real FFmpeg/nginx-rtmp/
 * Chromium), then the Playwright end-to-end specs, then the Electron smoke suite (one loud line
 * instead where no Electron runtime is installed). Ends with one plain "N passed, M failed" line
 * summing the runners.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const artifacts = '.artifacts';
mkdirSync(artifacts, { recursive: true });
const env = { ...process.env, FFMPEG_BIN: process.env.FFMPEG_BIN ?? '/usr/bin/ffmpeg' };

function step(name, command, args, extraEnv = {}) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const run = spawnSync(command, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  return run.status === 0;
}

function counts() {
  let passed = 0;
  let failed = 0;
  if (existsSync(`${artifacts}/vitest.json`)) {
    const v = JSON.parse(readFileSync(`${artifacts}/vitest.json`, 'utf8'));
    passed += v.numPassedTests ?? 0;
    failed += v.numFailedTests ?? 0;
  }
  for (const report of ['playwright.json', 'playwright-electron.json']) {
    if (!existsSync(`${artifacts}/${report}`)) continue;
    const p = JSON.parse(readFileSync(`${artifacts}/${report}`, 'utf8'));
    passed += p.stats?.expected ?? 0;
    failed += (p.stats?.unexpected ?? 0) + (p.stats?.flaky ?? 0);
  }
  return { passed, failed };
}

const ok =
  step('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.node.json']) &&
  step('typecheck (renderer)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.web.json']) &&
  step('lint', 'npx', ['eslint', '.', '--max-warnings', '0']) &&
  step('electron security audit', 'node', ['scripts/audit-electron.mjs']) &&
  step('build', 'npx', ['electron-vite', 'build']) &&
  step('unit + integration', 'npx', [
    'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${artifacts}/vitest.json`,
  ]) &&
  step('end-to-end', 'npx', ['playwright', 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: `${artifacts}/playwright.json`,
  }) &&
  (rmSync(`${artifacts}/playwright-electron.json`, { force: true }), true) &&
  step('electron smoke', 'node', ['scripts/test-electron.mjs', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: `${artifacts}/playwright-electron.json`,
  });

const { passed, failed } = counts();
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
