/**
 * The bounding box in the Properties dock's transform, as OBS's Edit Transform: choosing "Scale to
 * inner bounds" and typing a box fits a 400×200 image into 200×200, centred in the box. The engine
 * reports it over obs-websocket (GetSceneItemTransform through obs-websocket-js), the preview draws
 * the picture at its new size, an out-of-range size is refused beside the field, and Undo takes the
 * box back.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import OBSWebSocket from 'obs-websocket-js/json';
import { near, type Rgba } from '../test/harness/png';
import { canvasPixel } from '../test/harness/preview';
import { remoteControlUrl, startStudioServer, type StudioServer } from '../test/harness/studio-server';

const PASSWORD = 'e2e-bounds-password';
let server: StudioServer;
const obs = new OBSWebSocket();

test.beforeAll(async () => {
  server = await startStudioServer({ env: { STUDIO_WS_PASSWORD: PASSWORD } });
  await obs.connect(remoteControlUrl(server), PASSWORD);
});

test.afterAll(async () => {
  await obs.disconnect().catch(() => {});
  await server?.stop();
});

const RED: Rgba = [255, 0, 0, 255];
const BLACK: Rgba = [0, 0, 0, 255];

test('Scale to inner bounds with a 200×200 box fits the image, as the engine and the preview show', async ({ page }) => {
  const file = path.join(server.dataDir, 'bounds-red.png');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=red:s=400x200,format=rgb24', '-frames:v', '1', file]);
  const sceneName = 'Bounds';
  const inputName = 'Red image';
  await obs.call('CreateScene', { sceneName });
  await obs.call('SetCurrentProgramScene', { sceneName });
  const { sceneItemId } = await obs.call('CreateInput', { sceneName, inputName, inputKind: 'image_source', inputSettings: { file } });
  await obs.call('SetSceneItemTransform', { sceneName, sceneItemId, sceneItemTransform: { positionX: 100, positionY: 100 } });
  const transform = async () => (await obs.call('GetSceneItemTransform', { sceneName, sceneItemId })).sceneItemTransform;

  await page.goto(server.launchUrl);
  await expect(page.getByTestId('dock-sources-subtitle')).toContainText(sceneName);
  await page.getByTestId(`source-${inputName}`).click();
  // The image drawn at (100…500, 100…300).
  await expect.poll(async () => near(await canvasPixel(page, 450, 200), RED, 16)).toBe(true);

  const width = page.getByTestId('transform-boundsWidth');
  const height = page.getByTestId('transform-boundsHeight');
  await expect(width).toBeDisabled();
  await page.getByTestId('transform-boundsType').selectOption('OBS_BOUNDS_SCALE_INNER');
  await expect(width).toBeEnabled();
  await expect.poll(async () => (await transform())['boundsType']).toBe('OBS_BOUNDS_SCALE_INNER');
  // The first box is the item's drawn size, so nothing moves yet.
  await expect(width).toHaveValue('400');
  await expect(height).toHaveValue('200');

  await width.fill('200');
  await width.press('Enter');
  await expect.poll(async () => (await transform())['boundsWidth']).toBe(200);
  expect(await transform()).toMatchObject({ boundsType: 'OBS_BOUNDS_SCALE_INNER', boundsWidth: 200, boundsHeight: 200, boundsAlignment: 0 });
  // 400×200 fitted inside 200×200 is 200×100, centred in the box at (100…300, 150…250).
  await expect.poll(async () => near(await canvasPixel(page, 450, 200), BLACK, 16)).toBe(true);
  // (Points clear of the selection's name tag and rotation handle, which the page draws over the canvas.)
  expect(near(await canvasPixel(page, 260, 200), RED, 16)).toBe(true);
  expect(near(await canvasPixel(page, 260, 125), BLACK, 16)).toBe(true);
  expect(near(await canvasPixel(page, 260, 280), BLACK, 16)).toBe(true);

  // Top-left alignment in the box puts the picture at the box's top.
  await page.getByTestId('transform-boundsAlignment').selectOption('5');
  await expect.poll(async () => (await transform())['boundsAlignment']).toBe(5);
  await expect.poll(async () => near(await canvasPixel(page, 260, 125), RED, 16)).toBe(true);

  // A size that is not positive is refused beside the field, naming the range; the engine keeps 200.
  await height.fill('0');
  await height.press('Enter');
  await expect(page.getByTestId('transform-boundsHeight-error')).toContainText('from 1 to 90001');
  await expect(height).toHaveAttribute('aria-invalid', 'true');
  expect((await transform())['boundsHeight']).toBe(200);
  await height.press('Escape');
  await expect(page.getByTestId('transform-boundsHeight-error')).toHaveCount(0);

  // The edits went through the document's transform command: Undo takes them back.
  // (Edits of one item within a second are one step, as a drag's are: this one may take more back.)
  await height.blur();
  await page.locator('body').press('Control+z');
  await expect.poll(async () => (await transform())['boundsAlignment']).not.toBe(5);
  // The preview shows what the engine has now. Undo took back the alignment, and on a machine fast
  // enough to make both edits within that second, the 200-wide box too (CI's did).
  const undone = await transform();
  if (undone['boundsType'] === 'OBS_BOUNDS_SCALE_INNER' && undone['boundsWidth'] === 200) {
    // The 200×100 picture centred in the box again: (100…300, 150…250).
    await expect.poll(async () => near(await canvasPixel(page, 260, 125), BLACK, 16)).toBe(true);
  } else {
    // The 400×200 box, or none: the whole picture from the item's position, beyond the top-left
    // 200×100 of before (three quarters across, half way down: clear of the selection's handles).
    const [x, y] = [undone['positionX'] as number, undone['positionY'] as number];
    await expect.poll(async () => near(await canvasPixel(page, x + 300, y + 100), RED, 16), JSON.stringify(undone)).toBe(true);
  }

  // Crop to bounding box (OBS 31): the 400×200 picture overhangs a 200×200 scale-outer box until
  // the box is ticked; then the picture and the selection's outline are the box, half as wide.
  await obs.call('SetSceneItemTransform', {
    sceneName,
    sceneItemId,
    sceneItemTransform: { boundsType: 'OBS_BOUNDS_SCALE_OUTER', boundsWidth: 200, boundsHeight: 200, boundsAlignment: 0, cropToBounds: false },
  });
  // The outline's width in canvas pixels (its stroke adds a few).
  const { baseWidth } = await obs.call('GetVideoSettings');
  const outlineWidth = async (): Promise<number> => {
    const [frame, canvas] = [await page.locator('.selection-frame polygon').boundingBox(), await page.getByTestId('preview-canvas').boundingBox()];
    return frame && canvas ? (frame.width * baseWidth) / canvas.width : 0;
  };
  await expect.poll(async () => Math.abs((await outlineWidth()) - 400) < 20, 'the outline is the whole picture').toBe(true);
  // A controlled box that follows the engine's state: click, then wait for it (check() would look
  // at once, before the engine has answered on a slow machine).
  const crop = page.getByTestId('transform-cropToBounds');
  await crop.click();
  await expect(crop).toBeChecked();
  await expect.poll(async () => (await transform())['cropToBounds']).toBe(true);
  await expect.poll(async () => Math.abs((await outlineWidth()) - 200) < 20, 'the outline is the box').toBe(true);
  const pos = await transform();
  // Right of the box, where the uncropped picture was: no longer drawn.
  await expect.poll(async () => near(await canvasPixel(page, (pos['positionX'] as number) + 250, (pos['positionY'] as number) + 150), BLACK, 16)).toBe(true);
  await crop.click();
  await expect(crop).not.toBeChecked();
  await expect.poll(async () => (await transform())['cropToBounds']).toBe(false);

  // No bounds again: the size fields are off.
  await page.getByTestId('transform-boundsType').selectOption('OBS_BOUNDS_NONE');
  await expect.poll(async () => (await transform())['boundsType']).toBe('OBS_BOUNDS_NONE');
  await expect(width).toBeDisabled();
});
