#!/usr/bin/env node
/**
 * Runs the Electron smoke suite (playwright.electron.config.ts) where an Electron runtime is
 * installed. Where none is, it prints one loud line saying so, why, and what covers the same
 * ground in server mode, and succeeds: the desktop shell cannot be launched here, and that must be
 * visible in every run rather than pass as a silent skip.
 */
import { spawnSync } from 'node:child_process';
import { NOT_RUN, ROOT, electronBinary } from './electron-binary.mjs';

if (!electronBinary()) {
  console.log(NOT_RUN);
  process.exit(0);
}
const run = spawnSync('npx', ['playwright', 'test', '-c', 'playwright.electron.config.ts', ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
