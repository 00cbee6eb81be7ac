/**
 * OBS's output tracks in Settings, in Chromium against server mode: a destination's Audio Track and
 * the recording's tracks save at once (checked in the engine's own document), a recording with no
 * track is refused with the reason, and both come back after a reload.
 */
import { expect, test, type Page } from '@playwright/test';
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

async function openSettings(page: Page, tab: string): Promise<void> {
  await page.goto(server.launchUrl);
  await expect(page.getByTestId('preview-canvas')).toBeVisible();
  await page.getByTestId('settings-open').click();
  await page.getByTestId(`settings-tab-${tab}`).click();
}

test("a destination's audio track and the recording's tracks save, are checked, and come back after a reload", async ({ page }) => {
  await openSettings(page, 'stream');
  await page.getByTestId('dest-preset-new').selectOption('twitch');
  await page.getByTestId('settings-key').fill('live_e2e_key');
  await page.getByTestId('settings-key').press('Enter');
  // OBS's default: the stream sends track 1.
  await expect.poll(() => latest()?.destinations.map((d) => [d.name, d.audioTrack])).toEqual([['Twitch', 1]]);
  const track = page.getByTestId('dest-audio-track-Twitch');
  await expect(track).toHaveValue('1');
  await track.selectOption('2');
  await expect.poll(() => latest()?.destinations[0]?.audioTrack).toBe(2);

  // The recording writes track 1 by default; ticking track 3 adds it, unticking 1 leaves 3 alone.
  await page.getByTestId('settings-tab-output').click();
  const t1 = page.getByTestId('recording-track-1');
  const t3 = page.getByTestId('recording-track-3');
  await expect(t1).toBeChecked();
  await expect(t3).not.toBeChecked();
  await t3.click();
  await expect(t3).toBeChecked();
  await expect.poll(() => latest()?.output.recording.tracks).toEqual([1, 3]);
  await t1.click();
  await expect(t1).not.toBeChecked();
  await expect.poll(() => latest()?.output.recording.tracks).toEqual([3]);
  // No track at all is refused, with the reason; the box stays as the engine has it.
  await t3.click();
  await expect(page.getByTestId('recording-error')).toContainText('at least one track');
  await expect(t3).toBeChecked();
  expect(latest()?.output.recording.tracks).toEqual([3]);

  await openSettings(page, 'stream');
  await expect(page.getByTestId('dest-audio-track-Twitch')).toHaveValue('2');
  await page.getByTestId('settings-tab-output').click();
  await expect(page.getByTestId('recording-track-3')).toBeChecked();
  await expect(page.getByTestId('recording-track-1')).not.toBeChecked();
});
