/**
 * Settings → Watermark in the studio: a user turns the program watermark on as a line of text in the
 * bottom-left corner; each choice is saved at once (the engine's document says so), and a value the
 * engine refuses is named in the section.
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

test('the watermark is set in Settings, field by field', async ({ page }) => {
  await page.goto(server.launchUrl);
  await page.getByTestId('settings-open').click();
  const section = page.getByTestId('settings-watermark');
  await expect(section).toBeVisible();

  await section.getByTestId('settings-watermark-type').selectOption('text');
  await expect.poll(() => latest()?.watermark?.type).toBe('text');
  await section.getByTestId('settings-watermark-text').fill('LIVE');
  await section.getByTestId('settings-watermark-text').press('Enter');
  await expect.poll(() => latest()?.watermark?.text).toBe('LIVE');
  await section.getByTestId('settings-watermark-anchor').selectOption('bottom_left');
  // A controlled box: it shows checked once the engine has saved it, so click and then wait.
  await section.getByTestId('settings-watermark-enabled').click();
  await expect(section.getByTestId('settings-watermark-enabled')).toBeChecked();
  await expect.poll(() => latest()?.watermark).toMatchObject({ enabled: true, type: 'text', text: 'LIVE', anchor: 'bottom_left' });

  // Out of range: the engine refuses it, the section says why, the saved value stays.
  await section.getByTestId('settings-watermark-opacity').fill('250');
  await section.getByTestId('settings-watermark-opacity').press('Enter');
  await expect(section.getByTestId('settings-watermark-error')).toContainText('Opacity (%) must be at most 100');
  expect(latest()?.watermark?.opacity).toBe(80);
  // Emptied: not saved as 0 (an invisible watermark); the field goes back and says what it takes.
  const opacity = section.getByTestId('settings-watermark-opacity');
  await opacity.fill('');
  await opacity.press('Enter');
  await expect(section.getByTestId('settings-watermark-error')).toContainText('Opacity (%) needs a number from 0 to 100');
  await expect(opacity).toHaveValue('80');
  expect(latest()?.watermark?.opacity).toBe(80);
});
