/**
 * The Electron binary's path, or null when it is not installed. require('electron') is not used:
 * when the binary is missing it tries to download it, which fails on closed networks (and needs
 * Node 22.12+). Shared by `npm start` and the Electron smoke suite.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

export const ROOT = path.resolve(import.meta.dirname, '..');

export function electronBinary() {
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

/** The one line the smoke suite prints where it cannot run, saying why and what covers it instead. */
export const NOT_RUN =
  '!!! ELECTRON SMOKE SUITE NOT RUN: no Electron runtime is installed (Electron 45 fetches it on first use, ' +
  'with `npx install-electron --no` on Node 22.12+, and this machine cannot download it); launch, the studio window, ' +
  'going live to loopback RTMP and quitting with no FFmpeg left are covered in server mode by e2e/studio.spec.ts, ' +
  'e2e/access.spec.ts and test/integration/full-path.test.ts, the desktop shell by src/main/*.test.ts and src/preload/index.test.ts.';
