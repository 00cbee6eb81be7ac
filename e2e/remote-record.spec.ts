/**
 * The web remote on a phone (390 px wide) records: Record starts the studio's recording at one tap
 * (as Go live does), the file being written shows, the health figures fill in, and Stop asks
 * "Tap again to stop" as the stream's Stop does. A second obs-websocket-js client checks
 * GetRecordStatus at each step, and the file on disk is probed. Scene names stay readable on the
 * phone and no state badge overflows. Same rig as remote.spec.ts: a real studio, its obs-websocket
 * server, server mode's UI as the compositor, the built remote page on its own origin.
 */
import { test, expect } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OBSWebSocket from 'obs-websocket-js/json';
import type { Studio } from '../src/engine/api';
import { createStudio } from '../src/engine/studio';
import { errorsOnlyLogger as logger, serveRemotePages } from '../test/harness/remote-pages';
import { createRemoteEventSource } from '../src/engine/remote/events';
import { createRequestRegistry } from '../src/engine/remote/requests/registry';
import { startStudioServer, type StudioServer } from '../src/server/http';
import { startRemoteServer, type RemoteServer } from '../src/engine/remote/server';
import type { RemoteEventSource } from '../src/engine/remote/types';
import { ffprobeJson } from '../test/harness';

const ROOT = path.resolve(import.meta.dirname, '..');
const RENDERER = path.join(ROOT, 'out/renderer');
const PASSWORD = 'e2e record password';
const LONG_SCENE = 'Interview with the guest';

let dataDir: string;
let recordings: string;
let studio: Studio;
let events: RemoteEventSource;
let remote: RemoteServer;
let pages: http.Server;
let pageOrigin: string;
let studioUi: StudioServer;
const obs = new OBSWebSocket();


test.beforeAll(async () => {
  if (!existsSync(path.join(RENDERER, 'remote.html'))) throw new Error(`${RENDERER}/remote.html is missing: run "npx electron-vite build" first.`);
  dataDir = await mkdtemp(path.join(tmpdir(), 'studio-remote-record-'));
  recordings = path.join(dataDir, 'takes');
  await mkdir(recordings);
  studio = await createStudio({ dataDir, resourcesDir: path.join(ROOT, 'resources'), logger });
  for (const [type, args] of [
    ['scene.create', { name: LONG_SCENE }],
    ['output.setRecording', { folder: recordings, format: 'mkv' }],
  ] as const) {
    const r = await studio.execute(type, args as never);
    if (!r.ok) throw new Error(r.error.message);
  }
  events = createRemoteEventSource(studio);
  const ui = await startStudioServer({ studio, logger, rendererDir: RENDERER, version: 'e2e', port: 0 });
  if (!ui.ok) throw new Error(ui.error.message);
  studioUi = ui.value;
  pages = await serveRemotePages(RENDERER);
  pageOrigin = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
  const started = await startRemoteServer({
    studio,
    registry: createRequestRegistry({ dataDir }),
    events,
    logger,
    port: 0,
    bind: '127.0.0.1',
    password: PASSWORD,
    allowedOrigins: [pageOrigin],
    version: 'e2e',
  });
  if (!started.ok) throw new Error(started.error.message);
  remote = started.value;
  await obs.connect(`ws://127.0.0.1:${remote.port}`, PASSWORD);
});

test.afterAll(async () => {
  await obs.disconnect().catch(() => undefined);
  await remote?.close();
  await studioUi?.close();
  events?.dispose();
  await new Promise<void>((resolve) => (pages ? pages.close(() => resolve()) : resolve()));
  await studio?.dispose();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('on a phone: Record, the file and the health figures, Stop with a second tap', async ({ page, context }, testInfo) => {
  // Server mode's page is the compositor whose frames the recording holds.
  const compositor = await context.newPage();
  await compositor.goto(studioUi.launchUrl);
  await expect(compositor.getByTestId('preview-canvas')).toBeVisible();

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${pageOrigin}/remote/?ws=127.0.0.1:${remote.port}`);
  await page.getByTestId('remote-password').fill(PASSWORD);
  await page.getByTestId('remote-connect').click();

  // Scene names read whole on the phone, not cut to an ellipsis.
  const scene = page.getByTestId(`remote-scene-${LONG_SCENE}`);
  await expect(scene).toBeVisible({ timeout: 30_000 });
  const name = scene.locator('.scene-name');
  await expect(name).toHaveText(LONG_SCENE);
  expect(await name.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);

  // Health figures come from GetStats.
  await expect(page.getByTestId('remote-health-cpu')).toHaveText(/^\d+ %$/);
  await expect(page.getByTestId('remote-health-fps')).toHaveText(/^\d+\.\d$/);

  // Record: one tap, as Go live.
  await expect(page.getByTestId('remote-record-state')).toHaveText('idle');
  await page.getByTestId('remote-record-start').click();
  await expect(page.getByTestId('remote-record-state')).toHaveText('recording', { timeout: 30_000 });
  await expect.poll(async () => (await obs.call('GetRecordStatus')).outputActive, { timeout: 30_000 }).toBe(true);
  await expect.poll(async () => (await readdir(recordings)).filter((f) => f.endsWith('.mkv')).length, { timeout: 30_000 }).toBe(1);
  const [file] = (await readdir(recordings)).filter((f) => f.endsWith('.mkv'));
  await expect(page.getByTestId('remote-record-path')).toHaveText(file!);
  // The time counts while it records.
  await expect.poll(async () => (await obs.call('GetRecordStatus')).outputDuration, { timeout: 30_000 }).toBeGreaterThan(1500);
  await expect(page.getByTestId('remote-record-time')).not.toHaveText('0:00:00');

  // No state badge overflows its word.
  const overflowing = await page.locator('.state').evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent));
  expect(overflowing).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('remote-phone-recording.png'), fullPage: true });

  // Stop asks first; Cancel keeps recording.
  await page.getByTestId('remote-record-stop').click();
  await expect(page.getByTestId('remote-record-stop')).toHaveText('Tap again to stop');
  await page.getByTestId('remote-record-stop-cancel').click();
  expect((await obs.call('GetRecordStatus')).outputActive).toBe(true);
  await page.getByTestId('remote-record-stop').click();
  await page.getByTestId('remote-record-stop').click();
  await expect(page.getByTestId('remote-record-state')).toHaveText('idle', { timeout: 30_000 });
  await expect.poll(async () => (await obs.call('GetRecordStatus')).outputActive).toBe(false);

  // The file holds video that plays for more than a second.
  const full = path.join(recordings, file!);
  expect((await stat(full)).size).toBeGreaterThan(0);
  const probe = await ffprobeJson(full);
  expect(probe.streams.some((s) => s.codec_type === 'video')).toBe(true);
  expect(Number(probe.format.duration)).toBeGreaterThan(1);
  await compositor.close();
});
