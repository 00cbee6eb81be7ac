/**
 * Settings → Video → Vertical canvas: a user turns the vertical canvas on, picks the scene it shows,
 * sets a size, and has one destination stream it. Each choice is saved at once (the engine's
 * document says so); a size the canvas cannot take is refused under the section.
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

function latest(): StudioDocument | undefined {
  const changed = studio.events.filter((e): e is Extract<StudioEvent, { type: 'document.changed' }> => e.type === 'document.changed');
  return changed.at(-1)?.data.document;
}

test('the vertical canvas is turned on, given a scene and a size, and streamed by a destination', async ({ page }) => {
  const { sceneUuid } = await studio.must('scene.create', { name: 'Shorts' });
  await studio.must('destination.upsert', { name: 'Shorts out', server: 'rtmp://127.0.0.1/live', key: 'k' });
  await studio.must('destination.upsert', { name: 'Landscape out', server: 'rtmp://127.0.0.1/live', key: 'k2' });

  await page.goto(server.launchUrl);
  await page.getByTestId('settings-open').click();
  await page.getByTestId('settings-tab-video').click();
  const section = page.getByTestId('settings-canvas');
  await expect(section).toBeVisible();

  await section.getByTestId('settings-canvas-enabled').click();
  await expect(section.getByTestId('settings-canvas-enabled')).toBeChecked();
  await expect.poll(() => latest()?.canvases?.[0]).toMatchObject({ id: 'vertical', enabled: true, width: 1080, height: 1920 });

  await section.getByTestId('settings-canvas-scene').selectOption({ label: 'Shorts' });
  await expect.poll(() => latest()?.canvases?.[0]?.programSceneUuid).toBe(sceneUuid);

  await section.getByTestId('settings-canvas-width').fill('720');
  await section.getByTestId('settings-canvas-width').press('Enter');
  await section.getByTestId('settings-canvas-height').fill('1280');
  await section.getByTestId('settings-canvas-height').press('Enter');
  await expect.poll(() => latest()?.canvases?.[0]).toMatchObject({ width: 720, height: 1280 });

  await section.getByTestId('settings-canvas-dest-Shorts out').click();
  await expect(section.getByTestId('settings-canvas-dest-Shorts out')).toBeChecked();
  await expect.poll(() => latest()?.destinations.map((d) => [d.name, d.canvas ?? 'main'])).toEqual([
    ['Shorts out', 'vertical'],
    ['Landscape out', 'main'],
  ]);

  // A width the NV12 pack cannot take: refused with the rule, the saved size stays.
  await section.getByTestId('settings-canvas-width').fill('722');
  await section.getByTestId('settings-canvas-width').press('Enter');
  await expect(section.getByTestId('settings-canvas-error')).toContainText(/width.*multiple of 4/i);
  expect(latest()?.canvases?.[0]?.width).toBe(720);
});
