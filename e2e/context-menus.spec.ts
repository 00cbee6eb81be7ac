/**
 * OBS's context menus and editing keys: right click on an item in the preview or on its Sources row
 * opens a menu (kept inside the window, closed by Escape or a click outside) whose Duplicate, Flip,
 * Rename and Filters… do what they say, seen in the engine's document; Delete, F2, Ctrl+C/Ctrl+V,
 * Ctrl+D work on the selected item; a scene's menu renames it.
 */
import { expect, test, type Page } from '@playwright/test';
import { canvasMapper, latestDocument, transformOf } from '../test/harness/preview';
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

const itemNames = (sceneUuid: string): string[] => {
  const doc = latestDocument(studio);
  const scene = doc.scenes.find((s) => s.uuid === sceneUuid);
  return (scene?.items ?? []).map((i) => doc.inputs.find((x) => x.uuid === i.sourceUuid)?.name ?? '?');
};

async function expectInsideWindow(page: Page): Promise<void> {
  const menu = page.getByTestId('context-menu');
  await expect(menu).toBeVisible();
  const box = (await menu.boundingBox())!;
  const view = page.viewportSize()!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(view.width);
  expect(box.y + box.height).toBeLessThanOrEqual(view.height);
}

test('the preview and source menus duplicate, flip, rename and open filters; Escape and outside clicks close them', async ({ page }) => {
  const { sceneUuid } = await studio.must('scene.create', { name: 'Menus' });
  await studio.must('scene.setCurrent', { sceneUuid });
  await studio.must('input.create', {
    sceneUuid,
    name: 'Card',
    kind: 'color_source_v3',
    settings: { color: 0xff0000ff, width: 400, height: 200 },
    transform: { positionX: 100, positionY: 100 },
  });
  const card = latestDocument(studio).inputs.find((i) => i.name === 'Card')!;
  await studio.must('filter.create', { sourceUuid: card.uuid, name: 'Warm', kind: 'color_filter_v2' });
  await page.goto(server.launchUrl);
  await expect(page.getByTestId('dock-sources-subtitle')).toContainText('Menus');
  const at = await canvasMapper(page);

  // Right click on the card in the preview: it is selected and its menu opens inside the window.
  const spot = at(300, 200);
  await expect
    .poll(async () => {
      await page.keyboard.press('Escape');
      await page.mouse.click(spot.x, spot.y, { button: 'right' });
      return page.getByTestId('context-menu').count();
    })
    .toBe(1);
  await expect(page.getByTestId('source-Card')).toHaveAttribute('aria-pressed', 'true');
  await expectInsideWindow(page);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('context-menu')).toHaveCount(0);

  // Opened near the window's bottom-right corner (on the last source row, far right), it still fits.
  const row = (await page.getByTestId('source-Card').boundingBox())!;
  await page.mouse.click(row.x + row.width - 2, row.y + row.height / 2, { button: 'right' });
  await expectInsideWindow(page);
  await page.mouse.click(5, 5);
  await expect(page.getByTestId('context-menu')).toHaveCount(0);

  // Duplicate: a new input with the same settings, filters and place, selected.
  await page.mouse.click(spot.x, spot.y, { button: 'right' });
  await page.getByTestId('menu-duplicate').click();
  await expect(page.getByTestId('source-Card 2')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => itemNames(sceneUuid)).toEqual(['Card', 'Card 2']);
  await expect.poll(() => latestDocument(studio).inputs.find((i) => i.name === 'Card 2')?.filters.map((f) => f.name)).toEqual(['Warm']);
  const copy = latestDocument(studio).inputs.find((i) => i.name === 'Card 2')!;
  expect(copy.settings).toMatchObject({ color: 0xff0000ff, width: 400, height: 200 });
  expect(transformOf(studio, sceneUuid, 'Card 2')).toMatchObject({ positionX: 100, positionY: 100, scaleX: 1 });

  // Flip horizontal from the Sources row's menu: mirrored in place.
  await page.getByTestId('source-Card 2').click({ button: 'right' });
  await page.getByTestId('menu-flip-horizontal').click();
  await expect.poll(() => transformOf(studio, sceneUuid, 'Card 2').scaleX).toBe(-1);
  expect(transformOf(studio, sceneUuid, 'Card 2').positionX).toBeCloseTo(500, 6);

  // Rename from the menu.
  await page.getByTestId('source-Card 2').click({ button: 'right' });
  await page.getByTestId('menu-rename').click();
  await page.getByTestId('source-rename-input').fill('Mirror');
  await page.getByTestId('source-rename-input').press('Enter');
  await expect(page.getByTestId('source-Mirror')).toBeVisible();
  await expect.poll(() => itemNames(sceneUuid)).toEqual(['Card', 'Mirror']);

  // Filters… opens the Properties dock's filter list for that source.
  await page.getByTestId('source-Card').click({ button: 'right' });
  await page.getByTestId('menu-filters').click();
  await expect(page.locator(`#filters-${card.uuid}`)).toBeInViewport();
  await expect(page.getByTestId('source-Card')).toHaveAttribute('aria-pressed', 'true');
});

test('Delete, F2, arrows, Ctrl+C / Ctrl+V, Ctrl+D and the paste of a transform work on the selected item', async ({ page }) => {
  const { sceneUuid } = await studio.must('scene.create', { name: 'Keys' });
  await studio.must('scene.setCurrent', { sceneUuid });
  await studio.must('input.create', { sceneUuid, name: 'Logo', kind: 'color_source_v3', settings: { color: 0xff00ff00, width: 200, height: 200 }, transform: { positionX: 40, positionY: 60, rotation: 30 } });
  await studio.must('input.create', { sceneUuid, name: 'Plate', kind: 'color_source_v3', settings: { color: 0xffff0000, width: 300, height: 100 }, transform: { positionX: 700, positionY: 500 } });
  await page.goto(server.launchUrl);
  await expect(page.getByTestId('dock-sources-subtitle')).toContainText('Keys');

  await page.getByTestId('source-Logo').click();
  await page.keyboard.press('Control+d');
  await expect(page.getByTestId('source-Logo 2')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => itemNames(sceneUuid)).toEqual(['Logo', 'Plate', 'Logo 2']);
  expect(transformOf(studio, sceneUuid, 'Logo 2')).toMatchObject({ positionX: 40, positionY: 60, rotation: 30 });

  // Arrow keys nudge the selected item 1 px, 10 with Shift.
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => transformOf(studio, sceneUuid, 'Logo 2').positionX).toBe(41);
  await page.keyboard.press('Shift+ArrowDown');
  await expect.poll(() => transformOf(studio, sceneUuid, 'Logo 2').positionY).toBe(70);
  expect(transformOf(studio, sceneUuid, 'Logo')).toMatchObject({ positionX: 40, positionY: 60 });

  // Delete removes the selected item.
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('source-Logo 2')).toHaveCount(0);
  await expect.poll(() => itemNames(sceneUuid)).toEqual(['Logo', 'Plate']);

  // Copy and paste (OBS's Paste (Reference)): the same source shown again, where it was.
  await page.getByTestId('source-Plate').click();
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect.poll(() => itemNames(sceneUuid)).toEqual(['Logo', 'Plate', 'Plate']);
  expect(latestDocument(studio).inputs.filter((i) => i.name.startsWith('Plate'))).toHaveLength(1);
  const plates = latestDocument(studio).scenes.find((s) => s.uuid === sceneUuid)!.items.slice(1);
  expect(plates[1]!.transform).toMatchObject({ positionX: 700, positionY: 500 });
  // Paste (duplicate) from the menu: a new input copied from it.
  await page.getByTestId('source-Logo').click({ button: 'right' });
  await page.getByTestId('menu-paste-duplicate').click();
  await expect.poll(() => itemNames(sceneUuid)).toEqual(['Logo', 'Plate', 'Plate', 'Plate 2']);
  expect(transformOf(studio, sceneUuid, 'Plate 2')).toMatchObject({ positionX: 700, positionY: 500 });

  // Copy transform from Logo, paste it onto the upper Plate item (the pasted one, third from the bottom).
  await page.getByTestId('source-Logo').click();
  await page.keyboard.press('Control+Shift+C');
  await page.getByTestId('source-Plate').first().click();
  await page.keyboard.press('Control+Shift+V');
  const third = () => latestDocument(studio).scenes.find((s) => s.uuid === sceneUuid)!.items[2]!.transform;
  await expect.poll(() => third().rotation).toBe(30);
  expect(third()).toMatchObject({ positionX: 40, positionY: 60 });
  expect(transformOf(studio, sceneUuid, 'Plate')).toMatchObject({ positionX: 700, positionY: 500, rotation: 0 });

  // F2 renames the selected item's source in place.
  await page.keyboard.press('F2');
  await page.getByTestId('source-rename-input').fill('Lower plate');
  await page.getByTestId('source-rename-input').press('Enter');
  await expect.poll(() => itemNames(sceneUuid)).toEqual(['Logo', 'Lower plate', 'Lower plate', 'Plate 2']);

  // The scene's own menu renames the scene.
  await page.getByTestId('scene-Keys').click({ button: 'right' });
  await page.getByTestId('menu-rename').click();
  await page.getByTestId('scene-rename-input').fill('Keys & plates');
  await page.getByTestId('scene-rename-input').press('Enter');
  await expect.poll(() => latestDocument(studio).scenes.find((s) => s.uuid === sceneUuid)?.name).toBe('Keys & plates');

  // Filters… on a scene: its own filter list, in a dialog; a filter added there is the scene's.
  await page.getByTestId('scene-Keys & plates').click({ button: 'right' });
  await page.getByTestId('menu-filters').click();
  const dialog = page.getByRole('dialog', { name: 'Filters: Keys & plates' });
  await dialog.getByLabel('Filter kind').selectOption('color_filter_v2');
  await dialog.getByRole('button', { name: 'Add filter' }).click();
  await expect.poll(() => latestDocument(studio).scenes.find((s) => s.uuid === sceneUuid)?.filters.map((f) => f.kind)).toEqual(['color_filter_v2']);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // Duplicate scene: a new scene showing the same sources, placed alike, with its filters, and the one being edited.
  await page.getByTestId('scene-Keys & plates').click({ button: 'right' });
  await page.getByTestId('menu-duplicate').click();
  await expect(page.getByTestId('scene-Keys & plates 2')).toHaveAttribute('aria-current', 'true');
  const doc = latestDocument(studio);
  const original = doc.scenes.find((s) => s.uuid === sceneUuid)!;
  const copy = doc.scenes.find((s) => s.name === 'Keys & plates 2')!;
  expect(copy.items.map((i) => [i.sourceUuid, i.transform])).toEqual(original.items.map((i) => [i.sourceUuid, i.transform]));
  expect(copy.filters.map((f) => f.kind)).toEqual(['color_filter_v2']);
});

test('sources and scenes are reordered by dragging their rows, and by the Order menu', async ({ page }) => {
  const { sceneUuid } = await studio.must('scene.create', { name: 'Order' });
  await studio.must('scene.setCurrent', { sceneUuid });
  for (const name of ['Low', 'Mid', 'High']) {
    await studio.must('input.create', { sceneUuid, name, kind: 'color_source_v3', settings: { width: 100, height: 100 } });
  }
  await page.goto(server.launchUrl);
  await expect(page.getByTestId('dock-sources-subtitle')).toContainText('Order');

  // Low dropped on High (the top row) goes on top; the engine's stack says so.
  await page.getByTestId('source-Low').dragTo(page.getByTestId('source-High'));
  await expect.poll(() => itemNames(sceneUuid)).toEqual(['Mid', 'High', 'Low']);
  await expect(page.getByRole('list', { name: 'Sources in Order' }).getByRole('listitem').first()).toContainText('Low');

  // The Order menu: Move to bottom.
  await page.getByTestId('source-Low').click({ button: 'right' });
  await page.getByTestId('menu-order-bottom').click();
  await expect.poll(() => itemNames(sceneUuid)).toEqual(['Low', 'Mid', 'High']);

  // Scenes: this scene's row dropped on the first row becomes the first scene.
  const sceneNames = () => latestDocument(studio).scenes.filter((s) => !s.isGroup).map((s) => s.name);
  const first = sceneNames()[0]!;
  expect(first).not.toBe('Order');
  await page.getByTestId('scene-Order').dragTo(page.getByTestId(`scene-${first}`));
  await expect.poll(() => sceneNames()[0]).toBe('Order');
  expect(sceneNames()[1]).toBe(first);
  await expect(page.getByRole('list', { name: 'Scenes' }).getByRole('listitem').first()).toContainText('Order');

  // And back down one step with the scene's Order menu.
  await page.getByTestId('scene-Order').click({ button: 'right' });
  await page.getByTestId('menu-order-down').click();
  await expect.poll(() => sceneNames().slice(0, 2)).toEqual([first, 'Order']);
});
