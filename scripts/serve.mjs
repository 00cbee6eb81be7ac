#!/usr/bin/env node
/**
 * `npm run serve -- [--port N] [--data-dir DIR] [--headless]`: builds if the build is stale, then
 * runs server mode (out/main/server.js) in the foreground with the same flags.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, buildIfStale } from './build-if-stale.mjs';
import { runForeground } from './run-child.mjs';

export function serve(args) {
  if (!buildIfStale()) process.exit(1);
  runForeground(process.execPath, [path.join(ROOT, 'out', 'main', 'server.js'), ...args], { cwd: ROOT });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) serve(process.argv.slice(2));
