#!/usr/bin/env node
/**
 * `npm start`: the desktop app when an Electron runtime is installed, otherwise server mode (the
 * same studio in Chromium), announced in one line.
 */
import { ROOT, buildIfStale } from './build-if-stale.mjs';
import { electronBinary } from './electron-binary.mjs';
import { runForeground } from './run-child.mjs';
import { serve } from './serve.mjs';

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
