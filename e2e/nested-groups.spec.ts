/**
 * Nested scenes and groups in the UI, against server mode: the Sources dock's + adds another scene
 * as a source (never one that would loop), a source row's menu groups an item (the dock lists the
 * group with its item indented under it) and ungroups it again; each step is seen in the engine's
 * document. The Scenes dock never lists a group.
 */
import { expect, test } from '@playwright/test';
import { latestDocument } from '../test/harness/preview';
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

test('a scene is added as a source, an item is grouped and ungrouped, and the docks show it', async ({ page }) => {
  const { sceneUuid: inner } = await studio.must('scene.create', { name: 'Inner' });
  const { sceneUuid } = await studio.must('scene.create', { name: 'Nesting' });
  await studio.must('scene.setCurrent', { sceneUuid });
  await studio.must('input.create', { sceneUuid, name: 'Card', kind: 'color_source_v3', settings: { color: 0xff0000ff, width: 200, height: 100 } });
  // Inner shows Nesting, so Nesting cannot show Inner... until that item goes.
  const { sceneItemId: back } = await studio.must('item.create', { sceneUuid: inner, sourceUuid: sceneUuid });
  await page.goto(server.launchUrl);
  await expect(page.getByTestId('dock-sources-subtitle')).toContainText('Nesting');

  await page.getByTestId('source-add').click();
  await expect(page.getByTestId('source-kind-color_source_v3')).toBeVisible();
  await expect(page.getByTestId('source-scene-Inner')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await studio.must('item.remove', { sceneUuid: inner, sceneItemId: back });

  await page.getByTestId('source-add').click();
  await page.getByTestId('source-scene-Inner').click();
  await expect(page.getByTestId('source-Inner')).toContainText('Scene');
  await expect
    .poll(() => latestDocument(studio).scenes.find((s) => s.uuid === sceneUuid)!.items.map((i) => i.sourceUuid))
    .toEqual([expect.any(String), inner]);

  // Group the card from its row's menu: the group's row, the card indented under it.
  await page.getByTestId('source-Card').click({ button: 'right' });
  await page.getByTestId('menu-group').click();
  await expect(page.getByTestId('source-Group')).toContainText('Group');
  await expect(page.locator('li[data-depth="1"]').getByTestId('source-Card')).toBeVisible();
  await expect.poll(() => latestDocument(studio).scenes.filter((s) => s.isGroup).map((s) => s.name)).toEqual(['Group']);
  // Groups are not scenes one switches to.
  await expect(page.getByTestId('scene-Inner')).toBeVisible();
  await expect(page.getByTestId('scene-Group')).toHaveCount(0);

  await page.getByTestId('source-Group').click({ button: 'right' });
  await page.getByTestId('menu-ungroup').click();
  await expect(page.getByTestId('source-Group')).toHaveCount(0);
  await expect(page.locator('li[data-depth="0"]').getByTestId('source-Card')).toBeVisible();
  await expect.poll(() => latestDocument(studio).scenes.some((s) => s.isGroup)).toBe(false);
});
