/**
 * Recording end to end in real Chromium against server mode: Settings shows the encoder the studio
 * chose (and tests the encoders again on request), the recording folder is set through the UI, then
 * a few seconds are recorded with no stream running. The file the UI names must be on disk, carry
 * H.264 video and decode without a single FFmpeg error.
 */
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ffprobeJson } from '../test/harness';
import { startStudioServer, type StudioServer } from '../test/harness/studio-server';

let server: StudioServer;
let folder: string;

test.beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'studio-recordings-'));
  server = await startStudioServer();
});

test.afterEach(async ({ page: _page }, testInfo) => {
  // The engine's side of a failure (FFmpeg's stderr, a refused command) is in the server's output.
  if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('server-output', { body: server.output(), contentType: 'text/plain' });
});

test.afterAll(async () => {
  await server?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

test('encoder status in settings, then record to a chosen folder and stop', async ({ page }, testInfo) => {
  await page.goto(server.url);
  await expect(page.getByTestId('preview-canvas')).toBeVisible();

  await page.getByTestId('settings-open').click();

  // Nothing but software encoding works on a machine without a GPU encoder: libx264, and why.
  await expect(page.getByTestId('encoder-chosen')).toHaveText('libx264 (software)', { timeout: 60_000 });
  await expect(page.getByTestId('encoder-why')).not.toBeEmpty();
  await expect(page.getByTestId('encoder-probe-libx264')).toHaveAttribute('data-works', 'true');
  await expect(page.getByTestId('settings-encoder').locator('option').first()).toHaveText('Automatic (best that works here)');
  const again = page.getByTestId('encoder-probe');
  await expect(again).toHaveText('Test encoders again');
  await again.click();
  // Busy while the test encodes run (each is a real FFmpeg run), then the same answer again.
  await expect(again).toBeDisabled();
  await expect(again).toHaveText('Test encoders again', { timeout: 60_000 });
  await expect(again).toBeEnabled();
  await expect(page.getByTestId('encoder-probe-error')).toHaveCount(0);
  await expect(page.getByTestId('encoder-chosen')).toHaveText('libx264 (software)');
  await expect(page.getByTestId('encoder-probe-libx264')).toHaveAttribute('data-works', 'true');

  // The folder saves on Enter, on its own; the hint shows what the engine now has.
  await page.getByTestId('recording-folder').fill(folder);
  await page.getByTestId('recording-folder').press('Enter');
  await expect(page.getByTestId('recording-folder-hint')).toContainText(folder);
  await expect(page.getByTestId('recording-error')).toHaveCount(0);
  await expect(page.getByTestId('recording-preview')).toHaveText(/^\d{4}-\d\d-\d\d \d\d-\d\d-\d\d\.mkv$/);
  await page.getByTestId('settings-recording').screenshot({ path: testInfo.outputPath('recording-settings.png') });
  await page.getByTestId('encoder-status').screenshot({ path: testInfo.outputPath('encoder-status.png') });
  await page.getByTestId('settings-close').click();

  await expect(page.getByTestId('encoder-summary')).toHaveText('Encoder: libx264 (software)');

  // Recording runs without a stream.
  await page.getByTestId('record-toggle').click();
  await expect(page.getByTestId('record-state')).toHaveAttribute('data-state', 'recording', { timeout: 30_000 });
  await expect(page.getByTestId('record-toggle')).toHaveText('Stop Recording');
  await expect(page.getByTestId('stream-state')).toHaveText('idle');
  await page.waitForTimeout(3000);
  await expect(page.getByTestId('record-progress')).toHaveText(/^ ?00:00:0[2-9] · [\d.]+ (KB|MB)$/);
  await page.screenshot({ path: testInfo.outputPath('recording.png') });
  await testInfo.attach('recording', { path: testInfo.outputPath('recording.png'), contentType: 'image/png' });

  await page.getByTestId('record-toggle').click();
  await expect(page.getByTestId('record-state')).toHaveAttribute('data-state', 'idle', { timeout: 30_000 });
  await expect(page.getByTestId('record-toggle')).toHaveText('Record');
  await expect(page.getByTestId('record-error')).toHaveCount(0);
  const saved = page.getByTestId('record-saved-path');
  await expect(saved).toBeVisible();
  const file = (await saved.getAttribute('title')) ?? '';
  expect(path.dirname(file)).toBe(folder);
  await expect(saved).toContainText(path.basename(file));
  expect(existsSync(file)).toBe(true);

  const probe = await ffprobeJson(file);
  expect(probe.streams.find((s) => s.codec_type === 'video')?.codec_name).toBe('h264');
  const decode = spawnSync(process.env.FFMPEG_BIN ?? 'ffmpeg', ['-v', 'error', '-i', file, '-f', 'null', '-'], { encoding: 'utf8', timeout: 60_000 });
  expect(decode.status).toBe(0);
  expect(`${decode.stdout}${decode.stderr}`).toBe('');
});
