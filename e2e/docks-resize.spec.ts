/**
 * Docks sized and moved with the mouse, as in OBS: the splitters between a side column and the
 * preview and between two docks move by drag and by arrow keys, within limits (the preview never
 * below its minimum), double-click restores a default; a dock dragged by its title bar lands where
 * the drop indicator shows, Esc cancels the drag; sizes and order survive a reload and View → Reset
 * layout restores both.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startStudioServer, type StudioServer } from '../test/harness/studio-server';

let server: StudioServer;

test.beforeAll(async () => {
  server = await startStudioServer();
});

test.afterAll(async () => {
  await server?.stop();
});

const box = async (l: Locator) => {
  const b = await l.boundingBox();
  if (!b) throw new Error('not laid out');
  return b;
};
const width = async (l: Locator) => Math.round((await box(l)).width);
const height = async (l: Locator) => Math.round((await box(l)).height);

/** Presses the middle of `from` and moves the pointer by (dx, dy) in steps; released unless told not to. */
async function drag(page: Page, from: Locator, dx: number, dy: number, release = true) {
  const b = await box(from);
  const x = b.x + b.width / 2;
  const y = b.y + b.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y + dy, { steps: 8 });
  if (release) await page.mouse.up();
}

/** Drags a dock by its title onto the point (x, y) of the page. */
async function dragTitle(page: Page, dock: Locator, x: number, y: number, release = true) {
  const b = await box(dock.locator('.dock-title'));
  await page.mouse.move(b.x + 8, b.y + b.height / 2);
  await page.mouse.down();
  await page.mouse.move(x, y, { steps: 10 });
  if (release) await page.mouse.up();
}

const order = (page: Page, side: 'left' | 'right') => page.locator(`[data-dock-column="${side}"] > .dock-slot`).evaluateAll((els) => els.map((e) => e.getAttribute('data-dock')));

/** Puts a saved layout in this browser's storage, as an older version or a damaged disk would leave it. */
const save = (page: Page, text: string) => page.evaluate(`localStorage.setItem('broadcast-studio.dock-layout.v1', ${JSON.stringify(text)})`);

async function open(page: Page) {
  await page.goto(server.launchUrl);
  await expect(page.getByTestId('preview-canvas')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Scenes' })).toBeVisible();
}

test('splitters resize a side column and two docks by mouse and keyboard, kept across a reload; double-click and Reset layout restore', async ({ page }) => {
  await open(page);
  const left = page.locator('[data-dock-column="left"]');
  const preview = page.getByTestId('preview-canvas');
  const scenes = page.getByRole('region', { name: 'Scenes' });
  const sources = page.getByRole('region', { name: 'Sources' });
  const mixer = page.getByRole('region', { name: 'Audio Mixer' });
  const sideSplitter = page.getByTestId('dock-splitter-left');
  const dockSplitter = page.getByTestId('dock-splitter-scenes-sources');
  const w0 = await width(left);
  const [s0, so0, m0] = [await height(scenes), await height(sources), await height(mixer)];
  const p0 = await box(preview);
  expect(w0).toBe(270);

  // Mouse: the left column 80 px wider; the preview keeps its aspect.
  await drag(page, sideSplitter, 80, 0);
  await expect.poll(() => width(left)).toBe(w0 + 80);
  await expect(sideSplitter).toHaveAttribute('aria-valuenow', String(w0 + 80));
  const p1 = await box(preview);
  expect(p1.width / p1.height).toBeCloseTo(p0.width / p0.height, 1);

  // Keyboard: focus the splitter, three steps left (10 px each), one big step right (Shift, 50 px).
  await sideSplitter.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
  await expect.poll(() => width(left)).toBe(w0 + 50);
  await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(() => width(left)).toBe(w0 + 100);

  // Esc during a splitter drag puts the width back as it was before the drag.
  await drag(page, sideSplitter, 60, 0, false);
  await expect.poll(() => width(left)).toBe(w0 + 160);
  await page.keyboard.press('Escape');
  await expect.poll(() => width(left)).toBe(w0 + 100);
  await page.mouse.up();

  // Between two docks: Scenes 40 px taller by mouse, then 20 px more by keyboard; Sources gives it, the Mixer keeps its size.
  await drag(page, dockSplitter, 0, 40);
  await expect.poll(() => height(scenes)).toBe(s0 + 40);
  await dockSplitter.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => height(scenes)).toBe(s0 + 60);
  expect(await height(sources)).toBe(so0 - 60);
  expect(await height(mixer)).toBe(m0);

  // Kept in this browser: the same sizes after a reload.
  await page.reload();
  await expect(preview).toBeVisible();
  await expect.poll(() => width(left)).toBe(w0 + 100);
  await expect.poll(() => height(scenes)).toBe(s0 + 60);
  expect(await height(sources)).toBe(so0 - 60);

  // Limits: a dock never shrinks below its minimum (64 px), nor the column below 180 px, nor the preview below 320 px.
  await drag(page, dockSplitter, 0, 2000);
  await expect.poll(() => height(sources)).toBe(64);
  await drag(page, sideSplitter, -2000, 0);
  await expect.poll(() => width(left)).toBe(180);
  // (In a narrower window, where the right column's maximum would leave the preview less than its minimum.)
  await page.setViewportSize({ width: 1100, height: 900 });
  await drag(page, page.getByTestId('dock-splitter-right'), -2000, 0);
  await expect.poll(async () => Math.round((await box(page.locator('.column-center'))).width)).toBe(320);
  await page.setViewportSize({ width: 1600, height: 900 });

  // Double-click: the column's default width, the docks' default heights.
  await sideSplitter.dblclick();
  await expect.poll(() => width(left)).toBe(w0);
  await page.getByTestId('dock-splitter-scenes-sources').dblclick();
  await expect.poll(() => height(scenes)).toBe(s0);

  // Reset layout restores every size.
  await drag(page, sideSplitter, 60, 0);
  await drag(page, page.getByTestId('dock-splitter-scenes-sources'), 0, -30);
  await expect.poll(() => height(scenes)).toBe(s0 - 30);
  await expect.poll(() => width(left)).toBe(w0 + 60);
  await page.getByTestId('view-menu').click();
  await page.getByTestId('view-reset-layout').click();
  await expect.poll(() => width(left)).toBe(w0);
  await expect.poll(() => height(scenes)).toBe(s0);
  expect(await height(sources)).toBe(so0);
  expect(Math.round((await box(page.locator('[data-dock-column="right"]'))).width)).toBe(340);
});

test('a dock dragged by its title moves within and across columns, kept across a reload; Esc cancels; Reset layout restores', async ({ page }) => {
  await open(page);
  const scenes = page.getByRole('region', { name: 'Scenes' });
  const sources = page.getByRole('region', { name: 'Sources' });
  const mixer = page.getByRole('region', { name: 'Audio Mixer' });
  const indicator = page.getByTestId('dock-drop-indicator');
  expect(await order(page, 'left')).toEqual(['scenes', 'sources', 'mixer']);

  // Scenes below Sources: the indicator shows where, release drops it there.
  const so = await box(sources);
  await dragTitle(page, scenes, so.x + so.width / 2, so.y + so.height * 0.75, false);
  await expect(indicator).toBeVisible();
  await expect(indicator).toHaveAttribute('data-side', 'left');
  await expect(indicator).toHaveAttribute('data-index', '1');
  await expect(page.getByTestId('dock-drag-ghost')).toHaveText('Scenes');
  await page.mouse.up();
  await expect(indicator).toHaveCount(0);
  await expect.poll(() => order(page, 'left')).toEqual(['sources', 'scenes', 'mixer']);

  // The Mixer into the right column, between Controls and Properties (Scene Transitions above, Stats hidden below).
  const props = await box(page.getByRole('region', { name: 'Properties' }));
  await dragTitle(page, mixer, props.x + props.width / 2, props.y + 10);
  await expect.poll(() => order(page, 'right')).toEqual(['transitions', 'controls', 'mixer', 'properties', 'stats']);
  expect(await order(page, 'left')).toEqual(['sources', 'scenes']);

  await page.reload();
  await expect(page.getByTestId('preview-canvas')).toBeVisible();
  await expect.poll(() => order(page, 'left')).toEqual(['sources', 'scenes']);
  expect(await order(page, 'right')).toEqual(['transitions', 'controls', 'mixer', 'properties', 'stats']);
  await expect(page.locator('[data-dock-column="right"]').getByRole('region', { name: 'Audio Mixer' })).toBeVisible();

  // Esc cancels: the drag ends (no indicator, no ghost) and the release over the other column moves nothing.
  const right = await box(page.locator('[data-dock-column="right"]'));
  await dragTitle(page, sources, right.x + right.width / 2, right.y + 20, false);
  await expect(indicator).toHaveAttribute('data-side', 'right');
  await page.keyboard.press('Escape');
  await expect(indicator).toHaveCount(0);
  await expect(page.getByTestId('dock-drag-ghost')).toHaveCount(0);
  await page.mouse.up();
  expect(await order(page, 'left')).toEqual(['sources', 'scenes']);
  expect(await order(page, 'right')).toEqual(['transitions', 'controls', 'mixer', 'properties', 'stats']);

  await page.getByTestId('view-menu').click();
  await page.getByTestId('view-reset-layout').click();
  await expect.poll(() => order(page, 'left')).toEqual(['scenes', 'sources', 'mixer']);
  expect(await order(page, 'right')).toEqual(['transitions', 'controls', 'properties', 'stats']);
});

test('an old saved layout without sizes loads with default sizes; a corrupt one falls back to the default', async ({ page }) => {
  await page.goto(server.launchUrl);
  await save(page, JSON.stringify({ left: ['sources', 'scenes'], right: ['controls', 'properties', 'mixer'], hidden: [] }));
  await open(page);
  await expect.poll(() => order(page, 'left')).toEqual(['sources', 'scenes']);
  // The docks added since that layout was saved come at their default places.
  expect(await order(page, 'right')).toEqual(['transitions', 'controls', 'properties', 'mixer', 'stats']);
  expect(await width(page.locator('[data-dock-column="left"]'))).toBe(270);

  await save(page, '{"left": [1, 2');
  await open(page);
  await expect.poll(() => order(page, 'left')).toEqual(['scenes', 'sources', 'mixer']);
  expect(await order(page, 'right')).toEqual(['transitions', 'controls', 'properties', 'stats']);
});
