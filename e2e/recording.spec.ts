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
  await page.goto(server.launchUrl);
  await expect(page.getByTestId('preview-canvas')).toBeVisible();

  await page.getByTestId('settings-open').click();
  await page.getByTestId('settings-tab-output').click();

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
  await page.locator('.dock-controls').screenshot({ path: testInfo.outputPath('recording-saved.png') });
});

test('encoder templates: apply one, save the settings as a new one, overwrite it, remove it', async ({ page }, testInfo) => {
  await page.goto(server.launchUrl);
  await expect(page.getByTestId('preview-canvas')).toBeVisible();
  await page.getByTestId('settings-open').click();
  await page.getByTestId('settings-tab-output').click();
  await expect(page.getByTestId('template-Twitch 1080p60 6000 kbps')).toBeVisible();

  // Apply asks first, then the dialog's fields follow what the engine now has.
  await page.getByTestId('template-apply-YouTube 1080p30 4500').click();
  await expect(page.getByTestId('template-YouTube 1080p30 4500')).toContainText('output size and frame rate');
  await page.getByTestId('template-apply-confirm').click();
  await expect(page.getByTestId('template-note')).toHaveText('Applied “YouTube 1080p30 4500”.');
  await expect(page.getByTestId('settings-bitrate')).toHaveValue('4500');
  await expect(page.getByTestId('settings-bframes')).toHaveValue('2');
  await expect(page.getByTestId('settings-profile')).toHaveValue('high');
  await expect(page.getByTestId('settings-encoder')).toHaveValue('auto');
  // Committing a field right after sends nothing back that would undo the template.
  await page.getByTestId('settings-bitrate').press('Enter');
  await expect(page.locator('#settings-form')).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByTestId('settings-bitrate')).toHaveValue('4500');

  await page.getByTestId('template-name').fill('My show');
  await page.getByTestId('template-name').press('Enter');
  await expect(page.getByTestId('template-note')).toHaveText('Saved “My show”.');
  await expect(page.getByTestId('template-My show')).toContainText('saved');
  await page.getByTestId('settings-templates').screenshot({ path: testInfo.outputPath('templates.png') });

  // The same name again (any case) offers to overwrite; a built-in name is refused by the engine.
  await page.getByTestId('template-name').fill('my show');
  await page.getByTestId('template-save').click();
  await expect(page.getByTestId('template-overwrite')).toContainText('“My show” already exists');
  await page.getByTestId('template-overwrite-confirm').click();
  await expect(page.getByTestId('template-note')).toHaveText('Saved “my show”.');
  await page.getByTestId('template-name').fill('Twitch 1080p60 6000 kbps');
  await page.getByTestId('template-save').click();
  await expect(page.getByTestId('template-note')).toContainText('already exists');

  const saved = page.locator('.template-row', { hasText: /my show/i });
  await expect(saved).toHaveCount(1);
  await saved.getByRole('button', { name: /Remove template/ }).click();
  await saved.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(page.locator('.template-row', { hasText: /my show/i })).toHaveCount(0);
});
