/**
 * The replay buffer from the Controls dock, in real Chromium against server mode: Start Replay
 * Buffer starts the encoder (nothing else runs), Save Replay writes the last seconds to the
 * recording folder and the dock names the file, which carries H.264 video; Stop turns it off.
 */
import { test, expect } from '@playwright/test';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ffprobeJson } from '../test/harness';
import { startStudioServer, type StudioServer } from '../test/harness/studio-server';

let server: StudioServer;

test.beforeAll(async () => {
  server = await startStudioServer();
});

test.afterEach(async ({ page: _page }, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('server-output', { body: server.output(), contentType: 'text/plain' });
});

test.afterAll(async () => {
  await server?.stop();
});

test('Controls dock: start the replay buffer, save a replay, stop', async ({ page }) => {
  await page.goto(server.launchUrl);
  await expect(page.getByTestId('preview-canvas')).toBeVisible();
  const state = page.getByTestId('replay-state');
  await expect(state).toHaveAttribute('data-state', 'idle');
  await expect(page.getByTestId('replay-save')).toBeDisabled();

  await page.getByTestId('replay-toggle').click();
  await expect(state).toHaveAttribute('data-state', 'active', { timeout: 60_000 });
  await expect(page.getByTestId('replay-toggle')).toHaveText('Stop Replay Buffer');
  await expect(state).toContainText('last 20 s');

  // A save right after the start may find no whole frame yet (the dock says so); then it is asked again.
  const savedPath = page.getByTestId('replay-saved-path');
  const error = page.getByTestId('replay-error');
  await page.getByTestId('replay-save').click();
  await expect(async () => {
    if (await error.isVisible()) {
      await expect(error).toContainText('no whole frame');
      await page.getByTestId('replay-save').click();
    }
    await expect(savedPath).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
  await expect(error).toHaveCount(0);
  const file = (await savedPath.getAttribute('title')) ?? '';
  expect(path.basename(file)).toMatch(/^Replay .*\.mkv$/);
  expect(existsSync(file)).toBe(true);
  const probe = await ffprobeJson(file);
  expect(probe.streams.find((s) => s.codec_type === 'video')?.codec_name).toBe('h264');

  await page.getByTestId('replay-toggle').click();
  await expect(state).toHaveAttribute('data-state', 'idle', { timeout: 30_000 });
  await expect(page.getByTestId('replay-toggle')).toHaveText('Start Replay Buffer');
  await expect(page.getByTestId('replay-save')).toBeDisabled();
  // The last replay stays named after the stop.
  await expect(savedPath).toHaveAttribute('title', file);
});
