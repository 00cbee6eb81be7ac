/**
 * A replay on air and back, as a sports producer runs it, in real Chromium against server mode:
 * the replay transition (a 500 ms Fade) and "back to the show" are set in Settings → Output →
 * Replay buffer; the buffer saves the last two seconds; "Play last replay" into the Replays scene
 * switches program there with the Fade (not the current cut); this page, the compositor, plays
 * the clip to its end; and program comes back to the show's scene with the Fade. An
 * obs-websocket-js client watches what OBS clients would see (transitions, program scene, the
 * media input's end).
 */
import { test, expect } from '@playwright/test';
import OBSWebSocket, { EventSubscription } from 'obs-websocket-js';
import { connectStudio, type StudioClient } from '../test/harness/studio-client';
import { startStudioServer, type StudioServer } from '../test/harness/studio-server';

let server: StudioServer;
let studio: StudioClient;
const obs = new OBSWebSocket();
const heard: { type: string; data: Record<string, unknown> }[] = [];

test.beforeAll(async () => {
  server = await startStudioServer();
  studio = await connectStudio(server);
  const info = await studio.must('remote.info', {});
  await obs.connect(info.url!, info.password ?? undefined, { eventSubscriptions: EventSubscription.Transitions | EventSubscription.Scenes | EventSubscription.MediaInputs });
  for (const type of ['SceneTransitionStarted', 'CurrentProgramSceneChanged', 'MediaInputPlaybackEnded'] as const) {
    obs.on(type, (data) => void heard.push({ type, data: data as Record<string, unknown> }));
  }
  // Two seconds of replay, saved as MP4 (what the page's <video> plays).
  await studio.must('output.setRecording', { format: 'fmp4', replayMaxSeconds: 2 });
  await studio.must('scene.create', { name: 'Replays' });
});

test.afterEach(async ({ page: _page }, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('server-output', { body: server.output(), contentType: 'text/plain' });
});

test.afterAll(async () => {
  await obs.disconnect();
  studio?.close();
  await server?.stop();
});

const program = async (): Promise<string> => (await obs.call('GetCurrentProgramScene')).currentProgramSceneName;
const started = (): string[] => heard.filter((h) => h.type === 'SceneTransitionStarted').map((h) => String(h.data['transitionName']));

test('Play last replay: into the replay scene with the replay transition, and back to the show when it ends', async ({ page }, testInfo) => {
  await page.goto(server.launchUrl);
  await expect(page.getByTestId('preview-canvas')).toBeVisible();
  const show = await program();
  expect((await obs.call('GetCurrentSceneTransition')).transitionKind).toBe('cut_transition');

  // The replay defaults, where the replay buffer's settings are.
  await page.getByTestId('settings-open').click();
  await page.getByTestId('settings-tab-output').click();
  await page.getByTestId('settings-replay-transition').selectOption('fade_transition');
  const duration = page.getByTestId('settings-replay-transition-ms');
  await duration.fill('10');
  await duration.press('Enter');
  await expect(page.getByTestId('settings-replay').getByRole('alert')).toHaveText('Replay transition duration must be a whole number of ms from 50 to 20000.');
  await duration.fill('500');
  await duration.press('Enter');
  await expect(page.getByTestId('settings-replay-return')).toBeChecked();
  const vendor = async () =>
    (await obs.call('CallVendorRequest', { vendorName: 'broadcast-studio', requestType: 'GetReplayBufferSettings', requestData: {} })).responseData;
  await expect.poll(vendor).toMatchObject({ transitionKind: 'fade_transition', transitionDurationMs: 500, returnToScene: true });
  await page.getByTestId('settings-replay').screenshot({ path: testInfo.outputPath('replay-settings.png') });
  await page.getByTestId('settings-close').click();

  // Save a replay once the buffer holds its two seconds.
  const state = page.getByTestId('replay-state');
  await page.getByTestId('replay-toggle').click();
  await expect(state).toHaveAttribute('data-state', 'active', { timeout: 60_000 });
  await expect.poll(async () => (await studio.must('replay.status', {})).durationMs, { timeout: 60_000 }).toBeGreaterThanOrEqual(2000);
  await page.getByTestId('replay-save').click();
  await expect(page.getByTestId('replay-saved-path')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('replay-error')).toHaveCount(0);
  await page.getByTestId('replay-toggle').click();
  await expect(state).toHaveAttribute('data-state', 'idle', { timeout: 30_000 });

  // On air in the Replays scene, with the Fade.
  await page.getByTestId('replay-play-scene').selectOption('Replays');
  await page.getByTestId('replay-controls').screenshot({ path: testInfo.outputPath('replay-controls.png') });
  await page.getByTestId('replay-play').click();
  await expect.poll(program).toBe('Replays');
  await expect.poll(started).toEqual(['Fade']);
  // Told when the Fade has stopped, as OBS does.
  await expect.poll(() => heard.filter((h) => h.type === 'CurrentProgramSceneChanged').map((h) => h.data['sceneName'])).toEqual(['Replays']);
  await expect(page.getByTestId('replay-error')).toHaveCount(0);

  // The page plays the clip out; program comes back to the show, with the Fade again.
  await expect.poll(() => heard.filter((h) => h.type === 'MediaInputPlaybackEnded').map((h) => h.data['inputName']), { timeout: 30_000 }).toEqual(['Replay']);
  await expect.poll(program, { timeout: 10_000 }).toBe(show);
  expect(started()).toEqual(['Fade', 'Fade']);
  // The Fade was the replay's alone: the current transition is still the cut.
  expect((await obs.call('GetCurrentSceneTransition')).transitionKind).toBe('cut_transition');
});
