/**
 * Settings in tabs, one way of saving (a change applies as it is made), validation beside each field:
 * a user sets a vertical canvas scaled for output, types a size out of range (refused beside the
 * field with the range, staying there while other fields save, gone once fixed), and adds a Twitch
 * destination without a key (refused beside the key, naming it) then with one. Each step is checked
 * in the engine's own document.
 */
import { expect, test } from '@playwright/test';
import type { StudioDocument, StudioEvent } from '../src/shared';
import { startStudioServer, type StudioServer } from '../test/harness/studio-server';
import { connectStudio, type StudioClient } from '../test/harness/studio-client';

let server: StudioServer;
let studio: StudioClient;

test.beforeAll(async () => {
  server = await startStudioServer();
  studio = await connectStudio(server);
});

test.afterAll(async () => {
  studio?.close();
  await server?.stop();
});

/** The newest document the engine announced. */
function latest(): StudioDocument | undefined {
  const changed = studio.events.filter((e): e is Extract<StudioEvent, { type: 'document.changed' }> => e.type === 'document.changed');
  return changed.at(-1)?.data.document;
}

test('tabs, sizes of any shape, errors beside the field until fixed, a missing stream key named', async ({ page }, testInfo) => {
  await page.goto(server.launchUrl);
  await expect(page.getByTestId('preview-canvas')).toBeVisible();
  await page.getByTestId('settings-open').click();

  // Eight tabs; one panel shown at a time.
  const tabs = page.getByRole('tablist', { name: 'Settings' }).getByRole('tab');
  await expect(tabs).toHaveText(['General', 'Stream', 'Output', 'Audio', 'Video', 'Hotkeys', 'Remote', 'Advanced']);
  await expect(page.getByTestId('settings-panel-general')).toBeVisible();
  await expect(page.getByTestId('settings-panel-video')).toBeHidden();
  await page.getByTestId('settings-tab-audio').click();
  await expect(page.getByTestId('settings-tab-audio')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('settings-audio-bitrate')).toBeVisible();
  await expect(page.getByTestId('settings-panel-general')).toBeHidden();

  // Video: a vertical 1080×1920 canvas, encoded at 720×1280. A choice applies at once.
  await page.getByTestId('settings-tab-video').click();
  await page.getByTestId('settings-resolution').selectOption('1080x1920');
  await expect.poll(() => latest()?.video).toMatchObject({ baseWidth: 1080, baseHeight: 1920, outputWidth: 1080, outputHeight: 1920 });
  await page.getByTestId('settings-out-resolution').selectOption('720x1280');
  await expect.poll(() => latest()?.video).toMatchObject({ baseWidth: 1080, baseHeight: 1920, outputWidth: 720, outputHeight: 1280 });
  await expect(page.getByTestId('settings-status')).toHaveText('Saved.');

  // A custom base size past 4096 is refused beside the field with the range named; no browser popup.
  await page.getByTestId('settings-resolution').selectOption('custom');
  await page.getByTestId('settings-width').fill('5000');
  await page.getByTestId('settings-height').fill('1440');
  await page.getByTestId('settings-height').press('Enter');
  const sizeError = page.getByTestId('settings-size-error');
  await expect(sizeError).toHaveText('Base width must be a multiple of 4 from 64 to 4096.');
  await expect(page.getByTestId('settings-width')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('settings-tab-video')).toHaveAttribute('data-errors', 'true');
  expect(latest()?.video.baseWidth).toBe(1080);

  // The refusal stays while another field saves (the frame rate), and the other field does save.
  await page.getByTestId('settings-fps').selectOption('60');
  await expect.poll(() => latest()?.video.fpsNumerator).toBe(60);
  await expect(sizeError).toHaveText('Base width must be a multiple of 4 from 64 to 4096.');
  await page.getByTestId('settings-panel-video').screenshot({ path: testInfo.outputPath('video-error.png') });

  // Fixed: 3440×1440 ultrawide is taken, the message goes.
  await page.getByTestId('settings-width').fill('3440');
  await page.getByTestId('settings-width').press('Enter');
  await expect.poll(() => latest()?.video).toMatchObject({ baseWidth: 3440, baseHeight: 1440, outputWidth: 720, outputHeight: 1280 });
  await expect(sizeError).toHaveCount(0);
  await expect(page.getByTestId('settings-tab-video')).not.toHaveAttribute('data-errors', 'true');

  // Stream: Twitch without a key is caught, naming it, beside the key; nothing is saved.
  await page.getByTestId('settings-tab-stream').click();
  await page.getByTestId('dest-preset-new').selectOption('twitch');
  const keyError = page.getByTestId('dest-key-error-Twitch');
  await expect(keyError).toHaveText('Twitch has no stream key: enter the key your platform gave you.');
  await expect(page.getByTestId('settings-tab-stream')).toHaveAttribute('data-errors', 'true');
  expect(latest()?.destinations ?? []).toHaveLength(0);
  // With a key, it is saved (the key itself never comes back; only that one is stored).
  await page.getByTestId('settings-key').fill('live_e2e_key');
  await page.getByTestId('settings-key').press('Enter');
  await expect.poll(() => latest()?.destinations.map((d) => [d.name, d.preset, d.hasKey])).toEqual([['Twitch', 'twitch', true]]);
  await expect(page.getByTestId('dest-key-error-Twitch')).toHaveCount(0);
  expect(JSON.stringify(latest())).not.toContain('live_e2e_key');

  // Leaving a typed field saves it too (a new name), without Enter.
  await page.getByTestId('dest-row-Twitch').getByLabel('Name').fill('Main Twitch');
  await page.getByTestId('settings-tab-stream').focus();
  await expect.poll(() => latest()?.destinations.map((d) => d.name)).toEqual(['Main Twitch']);
});
