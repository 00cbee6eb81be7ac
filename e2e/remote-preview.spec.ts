/**
 * The web remote's Preview panel plays the studio's HLS preview in real Chromium: a real studio (no
 * renderer: it encodes black and silence) records, its obs-websocket server serves the built remote
 * page at /remote/ (as for a producer's phone) and the preview beside it; the panel asks for the
 * tokened URL, loads hls.js and plays — the video element's time advances.
 */
import { test, expect } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OBSWebSocket from 'obs-websocket-js/json';
import type { Logger, Studio } from '../src/engine/api';
import { createStudio } from '../src/engine/studio';
import { createRemoteEventSource } from '../src/engine/remote/events';
import { createRequestRegistry } from '../src/engine/remote/requests/registry';
import { startRemoteServer, type RemoteServer } from '../src/engine/remote/server';
import type { RemoteEventSource } from '../src/engine/remote/types';

const ROOT = path.resolve(import.meta.dirname, '..');
const RENDERER = path.join(ROOT, 'out/renderer');
const PASSWORD = 'e2e preview password';
/** What is read of the <video> (the e2e project has no DOM types). */
interface VideoLike {
  currentTime: number;
  videoWidth: number;
  paused: boolean;
}

let dataDir: string;
let studio: Studio;
let events: RemoteEventSource;
let remote: RemoteServer;
const obs = new OBSWebSocket();

const logger: Logger = {
  log(level, message, fields) {
    if (level === 'error') console.error(`[studio] ${message}`, fields ?? '');
  },
};

test.beforeAll(async () => {
  if (!existsSync(path.join(RENDERER, 'remote.html'))) throw new Error(`${RENDERER}/remote.html is missing: run "npx electron-vite build" first.`);
  dataDir = await mkdtemp(path.join(tmpdir(), 'studio-remote-preview-'));
  studio = await createStudio({ dataDir, resourcesDir: path.join(ROOT, 'resources'), logger });
  events = createRemoteEventSource(studio);
  const started = await startRemoteServer({
    studio,
    registry: createRequestRegistry({ dataDir }),
    events,
    logger,
    port: 0,
    bind: '127.0.0.1',
    password: PASSWORD,
    version: 'e2e',
    pageDir: RENDERER,
  });
  if (!started.ok) throw new Error(started.error.message);
  remote = started.value;
  await obs.connect(`ws://127.0.0.1:${remote.port}`, PASSWORD);
});

test.afterAll(async () => {
  await obs.disconnect().catch(() => undefined);
  await remote?.close();
  events?.dispose();
  await studio?.dispose();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('the Preview panel plays the program from the HLS preview', async ({ page }) => {
  await page.goto(`http://127.0.0.1:${remote.port}/remote/?ws=127.0.0.1:${remote.port}`);
  await page.getByTestId('remote-password').fill(PASSWORD);
  await page.getByTestId('remote-connect').click();
  await page.getByTestId('remote-preview-toggle').click();
  // Nothing encodes yet: the panel says so and waits.
  await expect(page.getByTestId('remote-preview-message')).toContainText('while the stream or a recording runs');

  await obs.call('StartRecord');
  const video = page.getByTestId('remote-preview-video');
  await expect(video).toHaveAttribute('data-phase', 'playing', { timeout: 60_000 });
  await expect.poll(() => video.evaluate((v) => (v as unknown as VideoLike).currentTime), { timeout: 60_000 }).toBeGreaterThan(1);
  const first = await video.evaluate((v) => (v as unknown as VideoLike).currentTime);
  await expect.poll(() => video.evaluate((v) => (v as unknown as VideoLike).currentTime), { timeout: 30_000 }).toBeGreaterThan(first + 1);
  expect(await video.evaluate((v) => [(v as unknown as VideoLike).videoWidth > 0, (v as unknown as VideoLike).paused])).toEqual([true, false]);
  await obs.call('StopRecord');
});
