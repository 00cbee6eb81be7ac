/**
 * Editing the vertical canvas's scene at its own size: with the vertical canvas on, Main | Vertical
 * above the preview switches what the preview shows and edits. On Vertical the preview is the
 * canvas's own pixels (360×640 here) showing its scene, the Sources dock lists that scene, and a drag
 * moves its item in the canvas's pixels; back on Main, program is shown and edited again. Judged
 * on the engine's document (as a renderer session receives it) and on the preview's pixels.
 */
import { expect, test } from '@playwright/test';
import { near, type Rgba } from '../test/harness/png';
import { canvasMapper, canvasPixel, drag, latestDocument, transformOf } from '../test/harness/preview';
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
const BLUE: Rgba = [0, 0, 255, 255];
const BLACK: Rgba = [0, 0, 0, 255];
const W = 360;
const H = 640;

test('the vertical canvas is shown and edited at its own size beside the main one', async ({ page }) => {
  // Program: a landscape scene with a blue box. The vertical canvas: its own scene with a red box.
  const main = await studio.must('scene.create', { name: 'Landscape' });
  await studio.must('scene.setCurrent', { sceneUuid: main.sceneUuid });
  await studio.must('input.create', {
    sceneUuid: main.sceneUuid,
    name: 'Wide box',
    kind: 'color_source_v3',
    settings: { color: 0xffff0000, width: 1280, height: 720 },
  });
  const shorts = await studio.must('scene.create', { name: 'Shorts' });
  await studio.must('input.create', {
    sceneUuid: shorts.sceneUuid,
    name: 'Tall box',
    kind: 'color_source_v3',
    settings: { color: 0xff0000ff, width: 200, height: 200 },
    transform: { positionX: 80, positionY: 100 },
  });
  await studio.must('canvas.set', { id: 'vertical', enabled: true, width: W, height: H, programSceneUuid: shorts.sceneUuid });

  await page.goto(server.launchUrl);
  const preview = page.getByTestId('preview-canvas');
  await expect(page.getByTestId('dock-sources-subtitle')).toContainText('Landscape');
  await expect(preview).toHaveAttribute('width', '1280');
  await expect.poll(async () => near(await canvasPixel(page, 640, 360), BLUE, 16)).toBe(true);

  // Vertical: the preview is the canvas's own pixels, showing its scene; the Sources dock edits it.
  await page.getByTestId('canvas-switch-vertical').click();
  await expect(preview).toHaveAttribute('width', String(W));
  await expect(preview).toHaveAttribute('height', String(H));
  await expect(page.getByTestId('dock-sources-subtitle')).toContainText('Shorts');
  await expect(page.getByTestId('source-Tall box')).toBeVisible();
  await expect(page.getByTestId('source-Wide box')).toHaveCount(0);
  // Box at x 80…280, y 100…300 of the 360×640 canvas; black below it.
  await expect.poll(async () => near(await canvasPixel(page, 180, 200, W, H), RED, 16)).toBe(true);
  expect(near(await canvasPixel(page, 180, 500, W, H), BLACK, 16)).toBe(true);

  // A drag moves the box in the canvas's pixels: from its middle (180, 200) down by 250 px.
  const at = await canvasMapper(page, W, H);
  await drag(page, at(180, 200), at(180, 450));
  await expect.poll(() => transformOf(studio, shorts.sceneUuid, 'Tall box').positionY).toBeCloseTo(350, -1);
  expect(transformOf(studio, shorts.sceneUuid, 'Tall box').positionX).toBeCloseTo(80, -1);
  await expect.poll(async () => near(await canvasPixel(page, 180, 450, W, H), RED, 16)).toBe(true);
  expect(near(await canvasPixel(page, 180, 200, W, H), BLACK, 16)).toBe(true);
  // Program's scene was not touched.
  expect(transformOf(studio, main.sceneUuid, 'Wide box')).toMatchObject({ positionX: 0, positionY: 0 });
  expect(latestDocument(studio).currentSceneUuid).toBe(main.sceneUuid);

  // Main again: program at the base size, and the Sources dock edits program's scene.
  await page.getByTestId('canvas-switch-main').click();
  await expect(preview).toHaveAttribute('width', '1280');
  await expect(page.getByTestId('dock-sources-subtitle')).toContainText('Landscape');
  await expect.poll(async () => near(await canvasPixel(page, 640, 360), BLUE, 16)).toBe(true);

  // Turned off, the switch goes away and the preview stays on the main canvas.
  await page.getByTestId('canvas-switch-vertical').click();
  await expect(preview).toHaveAttribute('width', String(W));
  await studio.must('canvas.set', { id: 'vertical', enabled: false });
  await expect(page.getByTestId('canvas-switch-vertical')).toHaveCount(0);
  await expect(preview).toHaveAttribute('width', '1280');
  await expect(page.getByTestId('dock-sources-subtitle')).toContainText('Landscape');
});
