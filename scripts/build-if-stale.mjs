/**
 * Builds with electron-vite only when the build is missing or older than any source, so
 * `npm start` and `npm run serve` are fast the second time and never run a stale bundle.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

export const ROOT = path.resolve(import.meta.dirname, '..');
/** Every file one build writes; the oldest of them is the build's age. */
const OUTPUTS = ['out/main/index.js', 'out/main/server.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
/** What a build is made from. */
const INPUTS = ['src', 'resources', 'electron.vite.config.ts', 'package.json'];

/** Unit tests sit beside the code but are not part of the build. */
const NOT_BUILT = /\.test\.tsx?$/;

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const info = statSync(target);
  if (!info.isDirectory()) return NOT_BUILT.test(target) ? 0 : info.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** Why a build is needed, or null when the last one is up to date. */
export function staleReason(root = ROOT) {
  let built = Infinity;
  for (const rel of OUTPUTS) {
    const file = path.join(root, rel);
    if (!existsSync(file)) return `${rel} is missing`;
    built = Math.min(built, statSync(file).mtimeMs);
  }
  for (const rel of INPUTS) {
    if (newestMtime(path.join(root, rel)) > built) return `${rel} changed since the last build`;
  }
  return null;
}

/** Builds if needed; returns false (after electron-vite has printed why) when the build failed. */
export function buildIfStale(root = ROOT) {
  const reason = staleReason(root);
  if (!reason) return true;
  // Build output goes to stderr so stdout keeps only the studio's own lines (the ready URL).
  process.stderr.write(`Building Broadcast Studio (${reason})…\n`);
  const bin = path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const result = existsSync(bin)
    ? spawnSync(process.execPath, [bin, 'build'], { cwd: root, stdio: ['ignore', 2, 2] })
    : spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: ['ignore', 2, 2], shell: process.platform === 'win32' });
  if (result.status === 0) return true;
  process.stderr.write(`The build failed (${result.error?.message ?? `exit code ${result.status}`}); fix the errors above and try again.\n`);
  return false;
}
