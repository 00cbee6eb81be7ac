/**
 * A full-canvas overlay does not swallow clicks in the studio's preview: with a lower third on top
 * of a full-canvas colour card, a click where the caption is not selects the card, and a click on
 * the caption selects the lower third (SourceRuntime.hits).
 */
import { expect, test } from '@playwright/test';
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

test('clicks reach the items under a lower third, and its caption selects it', async ({ page }) => {
  const { sceneUuid } = await studio.must('scene.create', { name: 'Hits' });
  await studio.must('scene.setCurrent', { sceneUuid });
  await studio.must('input.create', { sceneUuid, name: 'Card', kind: 'color_source_v3', settings: { color: 0xff404040 } });
  await studio.must('input.create', {
    sceneUuid,
    name: 'LT',
    kind: 'lower_third',
    settings: { name: 'Ada Lovelace', title: 'Engineer', visible: true, anim_ms: 0 },
  });
  await page.goto(server.launchUrl);
  await expect(page.getByTestId('dock-sources-subtitle')).toContainText('Hits');
  const canvas = page.getByTestId('preview-canvas');
  await expect(canvas).toBeVisible();
  const box = (await canvas.boundingBox())!;
  // Canvas fractions: the middle is only the card; the caption sits bottom-left inside the safe area.
  const at = (fx: number, fy: number) => ({ x: box.width * fx, y: box.height * fy });

  // Polled: the page's compositor may still be starting when the first click lands.
  await expect
    .poll(async () => {
      await canvas.click({ position: at(0.5, 0.4) });
      return page.getByTestId('source-Card').getAttribute('aria-pressed');
    })
    .toBe('true');
  await expect(page.getByTestId('source-LT')).toHaveAttribute('aria-pressed', 'false');

  // The bar design's panel: a little right of the safe-area edge, just above the caption's bottom.
  await expect
    .poll(async () => {
      await canvas.click({ position: at(0.08, 0.88) });
      return page.getByTestId('source-LT').getAttribute('aria-pressed');
    })
    .toBe('true');
  await expect(page.getByTestId('source-Card')).toHaveAttribute('aria-pressed', 'false');
});
