/**
 * Helpers for Playwright specs that edit the picture in the studio's preview: canvas pixels ↔ page
 * points, the engine's document as a renderer session sees it, and the canvas's pixels.
 */
import type { Page } from '@playwright/test';
import type { SceneItem, StudioDocument, Transform } from '../../src/shared';
import { decodePngDataUrl, type Rgba } from './png';
import type { StudioClient } from './studio-client';

/** The newest document the engine sent this session (document.changed), or throws when none came. */
export function latestDocument(studio: StudioClient): StudioDocument {
  for (let i = studio.events.length - 1; i >= 0; i--) {
    const e = studio.events[i]!;
    if (e.type === 'document.changed') return e.data.document;
  }
  throw new Error('no document.changed seen yet');
}

/** The item of `sceneUuid` that shows the input called `name`, in the engine's newest document. */
export function itemNamed(studio: StudioClient, sceneUuid: string, name: string): SceneItem {
  const doc = latestDocument(studio);
  const input = doc.inputs.find((i) => i.name === name);
  const item = doc.scenes.find((s) => s.uuid === sceneUuid)?.items.find((i) => i.sourceUuid === input?.uuid);
  if (!item) throw new Error(`no item "${name}" in scene ${sceneUuid}`);
  return item;
}

export const transformOf = (studio: StudioClient, sceneUuid: string, name: string): Transform => itemNamed(studio, sceneUuid, name).transform;

/** Maps canvas pixels to page points over the preview canvas as shown now. */
export async function canvasMapper(page: Page, baseW = 1280, baseH = 720): Promise<(x: number, y: number) => { x: number; y: number }> {
  const box = await page.getByTestId('preview-canvas').boundingBox();
  if (!box) throw new Error('the preview canvas is not shown');
  return (x, y) => ({ x: box.x + (x * box.width) / baseW, y: box.y + (y * box.height) / baseH });
}

/** The centre of a selection handle (data-handle) in page points. */
export async function handleCentre(page: Page, handle: string): Promise<{ x: number; y: number }> {
  const loc = page.locator(`[data-handle="${handle}"]`);
  const box = await loc.boundingBox();
  if (!box) throw new Error(`handle ${handle} is not shown`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** A pointer drag in page points, in steps (so the page sees moves, not a jump). */
export async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }, steps = 8): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps });
  await page.mouse.up();
}

/** The preview canvas's pixel at canvas point (x, y), from a screenshot of the page. */
export async function canvasPixel(page: Page, x: number, y: number, baseW = 1280, baseH = 720): Promise<Rgba> {
  const png = await page.getByTestId('preview-canvas').screenshot();
  const picture = await decodePngDataUrl(`data:image/png;base64,${png.toString('base64')}`);
  return picture.at(Math.min(picture.width - 1, Math.floor((x * picture.width) / baseW)), Math.min(picture.height - 1, Math.floor((y * picture.height) / baseH)));
}
