/**
 * File → Import from OBS in the studio page (server mode, real engine, headless Chromium): a
 * collection written the way OBS 30 writes it is picked in the file dialog, becomes a new scene
 * collection that is loaded at once, and the report lists what was left out by name. obs-websocket
 * (obs-websocket-js) sees the same collection. Then the Untitled collection is loaded back from
 * the File menu.
 */
import path from 'node:path';
import { expect, test } from '@playwright/test';
import OBSWebSocket from 'obs-websocket-js/json';
import { remoteControlUrl, startStudioServer, type StudioServer } from '../test/harness/studio-server';

const PASSWORD = 'e2e-obs-import-password';
const FIXTURE = path.resolve(import.meta.dirname, '../test/fixtures/obs/show.json');
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

test('an OBS scene collection imported from the File menu is loaded, with what was left out listed', async ({ page }) => {
  await page.goto(server.launchUrl);
  await expect(page.getByTestId('connection-banner')).toHaveCount(0);
  await page.getByTestId('file-menu').click();
  await expect(page.getByTestId('collection-current')).toHaveValue('Untitled');

  await page.getByTestId('obs-import').setInputFiles(FIXTURE);
  const skipped = page.getByTestId('obs-import-skipped');
  await expect(skipped).toContainText('Visualizer');
  await expect(skipped).toContainText('spectralizer_source');
  await expect(skipped).not.toContainText('Lower third group');
  await expect(page.getByTestId('scene-Main')).toBeVisible();
  await expect(page.getByTestId('scene-Be right back')).toBeVisible();

  expect(await obs.call('GetSceneCollectionList')).toEqual({ currentSceneCollectionName: 'Evening Show', sceneCollections: ['Untitled', 'Evening Show'] });
  const { sceneItems } = await obs.call('GetSceneItemList', { sceneName: 'Main' });
  expect(sceneItems.map((i) => i['sourceName'])).toEqual(expect.arrayContaining(['Backdrop', 'Logo', 'Lower third group', 'Be right back', 'Intro clip']));
  // The Sources dock shows the nested scene and the group, with the group's items indented under it.
  await expect(page.getByTestId('source-Be right back')).toContainText('Scene');
  await expect(page.getByTestId('source-Lower third group')).toContainText('Group');
  await expect(page.locator('li[data-depth="1"]').getByTestId('source-Name')).toBeVisible();
  await expect(page.locator('li[data-depth="1"]').getByTestId('source-Bar')).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(skipped).toHaveCount(0);
  await page.getByTestId('file-menu').click();
  await expect(page.getByTestId('collection-current')).toHaveValue('Evening Show');
  await page.getByTestId('collection-current').selectOption('Untitled');
  await expect(page.getByTestId('scene-Main')).toHaveCount(0);
  expect((await obs.call('GetSceneCollectionList')).currentSceneCollectionName).toBe('Untitled');
});
