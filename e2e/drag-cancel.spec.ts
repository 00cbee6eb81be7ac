/**
 * Esc cancels a drag in the preview, as in OBS: while the selected item is moved, resized, rotated
 * or cropped with the mouse, Esc puts its transform back as it was when the drag began, and the
 * cancelled drag leaves no undo step (Undo still names the edit before it). Judged on the engine's
 * document (as a renderer session receives it), the Undo button and the canvas's pixels.
 */
import { expect, test, type Page } from '@playwright/test';
import { near, type Rgba } from '../test/harness/png';
import { canvasMapper, canvasPixel, handleCentre, transformOf } from '../test/harness/preview';
import { connectStudio, type StudioClient } from '../test/harness/studio-client';
import { startStudioServer, type StudioServer } from '../test/harness/studio-server';

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

const RED: Rgba = [255, 0, 0, 255];
const BLACK: Rgba = [0, 0, 0, 255];
const UNDO_CREATE = 'Undo: Create source (Ctrl+Z)';
const UNDO_CHANGE = 'Undo: Change scene item transform (Ctrl+Z)';

/** Presses at `from`, moves to `to`, waits until the engine has the drag, then Esc and release. */
async function cancelledDrag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }, moved: () => boolean, alt = false) {
  await page.mouse.move(from.x, from.y);
  if (alt) await page.keyboard.down('Alt');
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  // The drag has reached the engine (its history holds a step for it) before it is cancelled.
  await expect.poll(moved).toBe(true);
  await expect(page.getByTestId('undo')).toHaveAttribute('title', UNDO_CHANGE);
  await page.keyboard.press('Escape');
  await page.mouse.up();
  if (alt) await page.keyboard.up('Alt');
}

test('Esc puts a moved, resized, rotated or cropped item back and leaves no undo step', async ({ page }) => {
  const { sceneUuid } = await studio.must('scene.create', { name: 'Cancel' });
  await studio.must('scene.setCurrent', { sceneUuid });
  const name = 'Cancel box';
  await studio.must('input.create', {
    sceneUuid,
    name,
    kind: 'color_source_v3',
    settings: { color: 0xff0000ff, width: 400, height: 200 },
    transform: { positionX: 100, positionY: 100 },
  });
  await page.goto(server.launchUrl);
  await expect(page.getByTestId('dock-sources-subtitle')).toContainText('Cancel');
  await page.getByTestId(`source-${name}`).click();
  await expect(page.locator('[data-handle="br"]')).toBeVisible();
  await expect(page.getByTestId('undo')).toHaveAttribute('title', UNDO_CREATE);
  const at = await canvasMapper(page);
  const t = () => transformOf(studio, sceneUuid, name);
  const original = t();
  const back = async () => {
    await expect.poll(() => t()).toEqual(original);
    await expect(page.getByTestId('undo')).toHaveAttribute('title', UNDO_CREATE);
    await expect.poll(async () => near(await canvasPixel(page, 300, 200), RED, 16)).toBe(true);
  };

  // Move: the box went towards (400…800, 300…500) and comes back to (100…500, 100…300).
  await cancelledDrag(page, at(300, 200), at(600, 400), () => t().positionX > 150);
  await back();
  await expect.poll(async () => near(await canvasPixel(page, 650, 450), BLACK, 16)).toBe(true);

  // Resize from the bottom-right corner.
  await cancelledDrag(page, await handleCentre(page, 'br'), at(700, 400), () => t().scaleX > 1.1);
  await back();

  // Rotate with the handle above the top edge.
  await cancelledDrag(page, await handleCentre(page, 'rotate'), at(600, 212), () => Math.abs(t().rotation) > 5);
  await back();

  // Crop with Alt on the right edge's handle.
  await cancelledDrag(page, await handleCentre(page, 'r'), at(350, 200), () => t().cropRight > 10, true);
  await back();

  // The one step left is the source's creation: Undo takes it away.
  await page.locator('body').press('Control+z');
  await expect(page.getByTestId(`source-${name}`)).toHaveCount(0);
});
