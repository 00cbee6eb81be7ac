#!/usr/bin/env node
/**
 * `npm start`: the desktop app when an Electron runtime is installed, otherwise server mode (the
 * same studio in Chromium), announced in one line.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT, buildIfStale } from './build-if-stale.mjs';
import { runForeground } from './run-child.mjs';
import { serve } from './serve.mjs';

/**
 * The Electron binary's path, or null when it is not installed. require('electron') is not used:
 * when the binary is missing it tries to download it, which fails on closed networks.
 */
function electronBinary() {
  let dir;
  try {
    dir = path.dirname(createRequire(path.join(ROOT, 'package.json')).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? path.join(override, relative || 'electron') : path.join(dir, 'dist', relative);
  return existsSync(binary) ? binary : null;
}

const args = process.argv.slice(2);
const electron = electronBinary();
if (electron) {
  if (!buildIfStale()) process.exit(1);
  const env = { ...process.env };
  // Set by some tools; it would make the binary behave as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  runForeground(electron, ['.', ...args], { cwd: ROOT, env });
} else {
  console.log(
    'Electron runtime not installed (fetch it with `npx install-electron --no`, Node 22.12+); starting server mode instead — open the URL below in Chromium.',
  );
  serve(args);
}
