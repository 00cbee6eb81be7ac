/**
 * Every Chromium server mode starts (the compositor, a GL probe round, the browser-source host)
 * leaves nothing in the temp directory once stopped: neither its profile nor the folder Chromium
 * makes there for its process-singleton socket, which Chromium itself leaves behind when stopped by
 * a signal. Each launch runs with TMPDIR pointed at a folder of this test's own (Chromium and
 * Node both take their temp directory from it), so other test files' browsers cannot mix in.
 */
import { existsSync, mkdtempSync, readdirSync, readlinkSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BrowserFrame } from '../../src/engine/browser/backend';
import type { Logger } from '../../src/engine/api';
import { createChromiumBrowserHost } from '../../src/server/browser-host';
import { probeBackend } from '../../src/server/gl-probe';
import { findChromium, launchHeadless } from '../../src/server/headless';

const quiet: Logger = { log: () => {} };
let tmp: string;
const savedTmpdir = process.env['TMPDIR'];
let executable: string;

beforeAll(() => {
  const found = findChromium();
  if (!found.ok) throw new Error(`these tests need Chromium: ${found.error.message}`);
  executable = found.value;
  tmp = mkdtempSync(path.join(os.tmpdir(), 'chromium-cleanup-'));
  process.env['TMPDIR'] = tmp;
});

afterAll(() => {
  if (savedTmpdir === undefined) delete process.env['TMPDIR'];
  else process.env['TMPDIR'] = savedTmpdir;
  rmSync(tmp, { recursive: true, force: true });
});

/** Polls until `ok` holds: a positive signal, never a fixed wait. */
async function until(what: string, ok: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms (temp folder holds ${JSON.stringify(readdirSync(tmp))})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The singleton folders Chromium made in our temp folder (they are what leaked before). */
const singletonFolders = (): string[] => readdirSync(tmp).filter((name) => name.startsWith('org.chromium.') || name.startsWith('com.google.'));

it('the compositor leaves neither its profile nor its singleton folder', async () => {
  const chromium = launchHeadless({ executable, url: 'about:blank', logger: quiet, onUnexpectedExit: () => {} });
  const profile = () => /--user-data-dir=(\S+)/.exec(readFileSync(`/proc/${chromium.pid}/cmdline`, 'utf8').replaceAll('\0', ' '))?.[1] ?? '';
  // The browser is far enough along once its profile links the singleton's socket.
  await until('the singleton link', () => existsSync(path.join(profile(), 'SingletonSocket')));
  const folder = path.dirname(readlinkSync(path.join(profile(), 'SingletonSocket')));
  expect(path.dirname(folder)).toBe(tmp);
  const profileDir = profile();
  await chromium.close();
  expect(existsSync(profileDir)).toBe(false);
  expect(existsSync(folder)).toBe(false);
  expect(readdirSync(tmp)).toEqual([]);
}, 90_000);

it('a GL probe round leaves nothing behind', async () => {
  const round = await probeBackend('swiftshader', { executable, width: 320, height: 180, durationMs: 300, extraArgs: [] });
  // It really ran a browser (which made a singleton folder): a probe that never started proves nothing.
  expect(round.error, JSON.stringify(round)).toBeNull();
  expect(readdirSync(tmp)).toEqual([]);
}, 90_000);

it("the browser-source host's browser leaves nothing behind", async () => {
  const host = createChromiumBrowserHost({ executable, logger: quiet, blockedOrigins: () => [] });
  const frames: BrowserFrame[] = [];
  const page = host.open('cleanup', { url: 'data:text/html,<body style="background:rgb(0,0,255)">', localFile: null, width: 64, height: 64, css: '', fps: 30 }, {
    frame: (f) => frames.push(f),
    problem: () => {},
  });
  await until('a picture of the page', () => frames.length > 0 && singletonFolders().length === 1);
  await page.close();
  await host.dispose();
  await until('the temp folder emptied', () => readdirSync(tmp).length === 0);
}, 90_000);
