/**
 * The producers' web remote in real Chromium, driving a real studio only through obs-websocket:
 * the studio, its obs-websocket server and an nginx-rtmp run in this process; the built page
 * (out/renderer/remote.html) is served under /remote/ by a tiny static server here, on its own
 * origin, which the remote server's Origin allow-list admits. The page gets the server address
 * through ?ws=, as a tablet pointed at another host would.
 */
import { test, expect, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Studio } from '../src/engine/api';
import { createStudio } from '../src/engine/studio';
import { errorsOnlyLogger as logger, serveRemotePages } from '../test/harness/remote-pages';
import { createRemoteEventSource } from '../src/engine/remote/events';
import { createRequestRegistry } from '../src/engine/remote/requests/registry';
import { startStudioServer, type StudioServer } from '../src/server/http';
import { startRemoteServer, type RemoteServer } from '../src/engine/remote/server';
import type { RemoteEventSource } from '../src/engine/remote/types';
import { listFfmpegProcesses, startNginxRtmp, type NginxRtmp } from '../test/harness';

const ROOT = path.resolve(import.meta.dirname, '..');
const RENDERER = path.join(ROOT, 'out/renderer');
const PASSWORD = 'e2e remote password';
const DESTINATION = 'Loopback';
const SECOND_SCENE = 'Interview';
const TITLE = 'Title';
const TONE = 'Tone';

let dataDir: string;
let studio: Studio;
let events: RemoteEventSource;
let remote: RemoteServer | null = null;
let nginx: NginxRtmp;
let pages: http.Server;
let pageOrigin: string;
/** Server mode's UI for the same studio: a tab on it is the compositor that renders screenshots. */
let studioUi: StudioServer;
let screenshotsAsked = 0;


async function startRemote(port: number, password = PASSWORD): Promise<RemoteServer> {
  const started = await startRemoteServer({
    studio,
    registry: createRequestRegistry({ dataDir }),
    events,
    logger,
    port,
    bind: '127.0.0.1',
    password,
    allowedOrigins: [pageOrigin],
    version: 'e2e',
  });
  if (!started.ok) throw new Error(`the remote server did not start: ${started.error.message}`);
  return started.value;
}

const remoteUrl = (): string => `${pageOrigin}/remote/?ws=127.0.0.1:${remote!.port}`;

async function connect(page: Page, password: string, remember = false): Promise<void> {
  await page.getByTestId('remote-password').fill(password);
  if (remember) await page.getByTestId('remote-remember').check();
  await page.getByTestId('remote-connect').click();
}

test.beforeAll(async () => {
  if (!existsSync(path.join(RENDERER, 'remote.html'))) {
    throw new Error(`${RENDERER}/remote.html is missing: run "npx electron-vite build" (npm test does) first.`);
  }
  nginx = await startNginxRtmp();
  dataDir = await mkdtemp(path.join(tmpdir(), 'studio-remote-e2e-'));
  studio = await createStudio({ dataDir, resourcesDir: path.join(ROOT, 'resources'), logger });
  const scene = await studio.execute('scene.create', { name: SECOND_SCENE });
  if (!scene.ok) throw new Error(scene.error.message);
  const dest = await studio.execute('destination.upsert', {
    name: DESTINATION,
    server: `rtmp://127.0.0.1:${nginx.port}/live`,
    key: 'remote-e2e',
    enabled: true,
  });
  if (!dest.ok) throw new Error(dest.error.message);
  // Counts the remote's GetSourceScreenshot calls as they reach the real studio.
  const screenshot = studio.screenshot.bind(studio);
  studio.screenshot = (request) => {
    screenshotsAsked++;
    return screenshot(request);
  };
  events = createRemoteEventSource(studio);
  const ui = await startStudioServer({ studio, logger, rendererDir: RENDERER, version: 'e2e', port: 0 });
  if (!ui.ok) throw new Error(ui.error.message);
  studioUi = ui.value;
  pages = await serveRemotePages(RENDERER);
  pageOrigin = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
  remote = await startRemote(0);
});

test.afterAll(async () => {
  await remote?.close();
  await studioUi?.close();
  events?.dispose();
  await new Promise<void>((resolve) => (pages ? pages.close(() => resolve()) : resolve()));
  await studio?.dispose();
  await nginx?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('a producer connects, switches scenes, edits a title, runs a destination and the stream', async ({ page, context }, testInfo) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(remoteUrl());
  await expect(page.getByTestId('remote-address')).toHaveValue(`127.0.0.1:${remote!.port}`);

  // A wrong password is named as such, and the connect screen stays.
  await connect(page, 'not the password');
  await expect(page.getByTestId('remote-connect-error')).toContainText('Wrong password');

  await connect(page, PASSWORD, true);
  const demo = page.getByTestId('remote-scene-Demo');
  await expect(demo).toBeVisible();
  await expect(demo.getByTestId('remote-scene-current')).toBeVisible();
  // Remembered for this tab only: sessionStorage, never localStorage, never the URL.
  expect(await page.evaluate('Object.values(sessionStorage)')).toContain(PASSWORD);
  expect(await page.evaluate('Object.values(localStorage)')).not.toContain(PASSWORD);
  expect(decodeURIComponent(page.url())).not.toContain(PASSWORD);

  // No compositor yet, so the studio cannot take pictures (207): the remote asks, and skips quietly.
  await expect.poll(() => screenshotsAsked).toBeGreaterThan(0);
  await expect(demo.locator('img')).toHaveCount(0);
  await expect(page.getByTestId('remote-notice')).toHaveCount(0);

  // Live thumbnails need a compositor: open the studio's own UI in another tab, as an operator would.
  const compositor = await context.newPage();
  await compositor.goto(studioUi.launchUrl);
  await expect(demo.locator('img')).toHaveAttribute('src', /^data:image\/jpeg;base64,/, { timeout: 30_000 });
  await expect(page.getByTestId(`remote-scene-${SECOND_SCENE}`).locator('img')).toHaveAttribute('src', /^data:image\/jpeg;base64,/);

  // Switch a scene from the remote: the studio's document follows, and so does the highlight.
  const interview = studio.document().scenes.find((s) => s.name === SECOND_SCENE)!;
  await page.getByTestId(`remote-scene-${SECOND_SCENE}`).click();
  await expect.poll(() => studio.document().currentSceneUuid).toBe(interview.uuid);
  await expect(page.getByTestId(`remote-scene-${SECOND_SCENE}`).getByTestId('remote-scene-current')).toBeVisible();
  await expect(page.getByTestId('remote-scene-current')).toHaveCount(1);
  // …and a switch made in the studio shows up on the remote (CurrentProgramSceneChanged).
  const back = await studio.execute('scene.setCurrent', { sceneUuid: studio.document().scenes.find((s) => s.name === 'Demo')!.uuid });
  expect(back.ok).toBe(true);
  await expect(demo.getByTestId('remote-scene-current')).toBeVisible();

  // Mute: only inputs with audio get a strip (GetInputMute answers 604 for the rest), so none until
  // the operator adds a test tone in the studio's own UI (Sources → + → Test tone).
  await expect(page.getByTestId('remote-audio-empty')).toBeVisible();
  await expect(page.locator('[data-testid^="remote-mute-"]')).toHaveCount(0);
  await compositor.getByTestId('source-add').click();
  await compositor.getByTestId('source-kind-audio_test_tone').click();
  await compositor.getByTestId('source-name-input').fill(TONE);
  await compositor.getByTestId('source-create').click();
  const toneMuted = (): unknown => studio.document().inputs.find((i) => i.name === TONE)?.muted;
  await expect.poll(toneMuted).toBe(false);
  const mute = page.getByTestId(`remote-mute-${TONE}`);
  await expect(mute).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('[data-testid^="remote-mute-"]')).toHaveCount(1);
  // The remote mutes it (SetInputMute): the studio's document and its own sources list follow.
  const studioMute = compositor.getByTestId(`source-mute-${TONE}`);
  await expect(studioMute).toHaveAttribute('aria-pressed', 'false');
  await mute.click();
  await expect.poll(toneMuted).toBe(true);
  await expect(mute).toHaveAttribute('aria-pressed', 'true');
  await expect(mute).toHaveText('Muted');
  await expect(studioMute).toHaveAttribute('aria-pressed', 'true');
  // Unmuted in the studio: the remote shows it (InputMuteStateChanged), and a tap mutes again.
  await studioMute.click();
  await expect.poll(toneMuted).toBe(false);
  await expect(mute).toHaveAttribute('aria-pressed', 'false');
  await mute.click();
  await expect.poll(toneMuted).toBe(true);

  // Meters (InputVolumeMeters): the studio tab measures the tone after its fader. Unmuted it shows a
  // level; muted it falls below the meter's −60 dB floor (an empty bar; the fade is exponential).
  const peak = async (): Promise<number> => Number(await page.getByTestId(`remote-meter-${TONE}`).getAttribute('data-peak'));
  await expect.poll(peak).toBeLessThan(0.001);
  await mute.click();
  await expect.poll(toneMuted).toBe(false);
  await expect.poll(peak, { timeout: 10_000 }).toBeGreaterThan(0.01);
  await mute.click();
  await expect.poll(toneMuted).toBe(true);
  await expect.poll(peak).toBeLessThan(0.001);

  // Edit a text source, read it back from the studio's document; a change made in the studio shows up here.
  const text = page.getByTestId(`remote-text-${TITLE}`);
  await text.fill('Breaking: remote works');
  await page.getByTestId(`remote-text-save-${TITLE}`).click();
  const titleText = (): unknown => studio.document().inputs.find((i) => i.name === TITLE)?.settings['text'];
  await expect.poll(titleText).toBe('Breaking: remote works');
  const title = studio.document().inputs.find((i) => i.name === TITLE)!;
  expect((await studio.execute('input.update', { inputUuid: title.uuid, settings: { text: 'Set in the studio' }, overlay: true })).ok).toBe(true);
  await expect(text).toHaveValue('Set in the studio');

  // Studio mode, turned on in the studio's own UI: the remote shows preview and program
  // (StudioModeStateChanged), with program on preview to start with, as in OBS.
  const demoUuid = studio.document().scenes.find((s) => s.name === 'Demo')!.uuid;
  const studioMode = page.getByTestId('remote-studio-mode');
  await expect(page.getByTestId('remote-studio')).toHaveCount(0);
  await compositor.getByTestId('studio-mode').click();
  await expect.poll(() => studio.document().studioMode).toBe(true);
  await expect(studioMode).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('remote-studio')).toBeVisible();
  await expect(page.getByTestId('remote-preview')).toContainText('Demo');
  await expect(page.getByTestId('remote-program')).toContainText('Demo');
  const take = page.getByTestId('remote-take');
  await expect(take).toBeDisabled();
  // A tap on a scene chooses the preview (SetCurrentPreviewScene); program stays on air.
  await page.getByTestId(`remote-scene-${SECOND_SCENE}`).click();
  await expect.poll(() => studio.document().previewSceneUuid).toBe(interview.uuid);
  expect(studio.document().currentSceneUuid).toBe(demoUuid);
  await expect(page.getByTestId('remote-preview')).toContainText(SECOND_SCENE);
  await expect(compositor.getByTestId(`scene-${SECOND_SCENE}`).locator('..').getByTestId('scene-preview')).toBeVisible();
  // Take (TriggerStudioModeTransition): the preview goes on air and the old program waits on preview.
  await take.click();
  await expect.poll(() => studio.document().currentSceneUuid).toBe(interview.uuid);
  expect(studio.document().previewSceneUuid).toBe(demoUuid);
  await expect(page.getByTestId('remote-program')).toContainText(SECOND_SCENE);
  await expect(page.getByTestId('remote-preview')).toContainText('Demo');
  await expect(compositor.getByTestId(`scene-${SECOND_SCENE}`).locator('..').getByTestId('scene-program')).toBeVisible();
  // …and the studio's own Take swaps them back.
  await compositor.getByTestId('studio-take').click();
  await expect.poll(() => studio.document().currentSceneUuid).toBe(demoUuid);
  await expect(page.getByTestId('remote-program')).toContainText('Demo');
  // Off again from the remote: taps go straight to program once more.
  await studioMode.click();
  await expect.poll(() => studio.document().studioMode).toBe(false);
  await expect(page.getByTestId('remote-studio')).toHaveCount(0);
  await expect(compositor.getByTestId('studio-take')).toHaveCount(0);

  // One destination on its own, against a real RTMP server: idle → live → idle.
  const state = page.getByTestId(`remote-dest-state-${DESTINATION}`);
  await expect(state).toHaveText('idle');
  await page.getByTestId(`remote-dest-start-${DESTINATION}`).click();
  await expect(state).toHaveText('live', { timeout: 30_000 });
  await expect(page.getByTestId(`remote-dest-bytes-${DESTINATION}`)).not.toHaveText('0 B', { timeout: 10_000 });
  const stop = page.getByTestId(`remote-dest-stop-${DESTINATION}`);
  await stop.click(); // only asks
  await expect(stop).toHaveAttribute('data-armed', 'true');
  await page.screenshot({ path: testInfo.outputPath('remote-landscape.png') });
  await testInfo.attach('remote-landscape', { path: testInfo.outputPath('remote-landscape.png'), contentType: 'image/png' });
  await stop.click();
  await expect(state).toHaveText('idle', { timeout: 60_000 });
  await expect.poll(() => listFfmpegProcesses(`127.0.0.1:${nginx.port}`), { timeout: 10_000 }).toEqual([]);

  // Everything at once: Go live (two taps: the first shows where it goes), then Stop (two taps).
  const streamState = page.getByTestId('remote-stream-state');
  const summary = page.getByTestId('remote-go-live-summary');
  await page.getByTestId('remote-go-live').click();
  await expect(summary).toContainText('Goes live to 1 destination:');
  await expect(summary.getByRole('listitem')).toHaveText([DESTINATION]);
  // Cancel leaves the studio off air and the button as it was.
  await page.getByTestId('remote-go-live-cancel').click();
  await expect(page.getByTestId('remote-go-live')).toHaveText('Go live');
  await expect(summary).toHaveCount(0);
  expect(studio.status().stream.state).toBe('idle');
  await page.getByTestId('remote-go-live').click();
  await expect(page.getByTestId('remote-go-live-confirm')).toHaveText('Go live to 1 destination');
  await page.getByTestId('remote-go-live-confirm').click();
  await expect(streamState).toHaveText('live', { timeout: 30_000 });
  await expect(state).toHaveText('live', { timeout: 30_000 });
  // A first tap only asks; Cancel leaves the show on air.
  await page.getByTestId('remote-stop').click();
  await page.getByTestId('remote-stop-cancel').click();
  await expect(page.getByTestId('remote-stop')).toHaveText('Stop');
  await expect(streamState).toHaveText('live');
  await page.getByTestId('remote-stop').click();
  await page.getByTestId('remote-stop').click();
  await expect(streamState).toHaveText('idle', { timeout: 60_000 });
  await expect(state).toHaveText('idle', { timeout: 60_000 });
  await expect.poll(() => listFfmpegProcesses(`127.0.0.1:${nginx.port}`), { timeout: 10_000 }).toEqual([]);

  // Portrait tablet: still one usable column.
  await page.setViewportSize({ width: 768, height: 1024 });
  await expect(page.getByTestId(`remote-scene-${SECOND_SCENE}`)).toBeInViewport();
  await page.screenshot({ path: testInfo.outputPath('remote-portrait.png'), fullPage: true });
  await testInfo.attach('remote-portrait', { path: testInfo.outputPath('remote-portrait.png'), contentType: 'image/png' });

  expect(pageErrors).toEqual([]);
});

test('a lost connection is announced and comes back by itself', async ({ page }) => {
  await page.goto(remoteUrl());
  await connect(page, PASSWORD);
  await expect(page.getByTestId('remote-scene-Demo')).toBeVisible();

  // The server goes away (the studio restarting): the remote says so and keeps trying.
  const port = remote!.port;
  await remote!.close();
  remote = null;
  await expect(page.getByTestId('remote-reconnecting')).toBeVisible();
  await expect(page.getByTestId('remote-reconnecting')).toContainText('Reconnecting');

  remote = await startRemote(port);
  await expect(page.getByTestId('remote-reconnecting')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByTestId('remote-connection')).toHaveText(`Connected to 127.0.0.1:${port}`);
  await page.getByTestId(`remote-scene-${SECOND_SCENE}`).click();
  const interview = studio.document().scenes.find((s) => s.name === SECOND_SCENE)!;
  await expect.poll(() => studio.document().currentSceneUuid).toBe(interview.uuid);

  // It comes back with another password: retrying cannot help, so the person is asked.
  await remote!.close();
  remote = await startRemote(port, 'a new password');
  await expect(page.getByTestId('remote-connect-error')).toContainText('Wrong password', { timeout: 20_000 });
  await expect(page.getByTestId('remote-password')).toBeVisible();
  await remote.close();
  remote = await startRemote(port);
});

test('an unreachable studio is named as such', async ({ page }) => {
  await page.goto(`${pageOrigin}/remote/?ws=127.0.0.1:1`);
  await connect(page, PASSWORD);
  await expect(page.getByTestId('remote-connect-error')).toHaveText(
    'Cannot reach the studio at 127.0.0.1:1. Check the address and that the studio is running.',
  );
});
