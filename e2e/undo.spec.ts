/**
 * Undo across clients: a producer's tool creates a scene over obs-websocket (obs-websocket-js, as a
 * Stream Deck plugin would), and the studio's own Ctrl+Z takes it back — the history is the
 * engine's, so the UI and obs-websocket see one state. Redo brings it back; the buttons say what.
 * Duplicate (Ctrl+D) is one step: one Undo removes the copy with its filters, one Redo brings it back.
 */
import { expect, test } from '@playwright/test';
import OBSWebSocket from 'obs-websocket-js/json';
import { remoteControlUrl, startStudioServer, type StudioServer } from '../test/harness/studio-server';

const PASSWORD = 'e2e-undo-password';
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

test('a scene made over obs-websocket is undone and redone from the studio', async ({ page }) => {
  await page.goto(server.launchUrl);
  await expect(page.getByTestId('connection-banner')).toHaveCount(0);
  await expect(page.getByTestId('undo')).toBeDisabled();

  await obs.call('CreateScene', { sceneName: 'From the Deck' });
  await expect(page.getByTestId('scene-From the Deck')).toBeVisible();
  await expect(page.getByTestId('undo')).toHaveAttribute('title', 'Undo: Create scene (Ctrl+Z)');

  await page.locator('body').press('Control+z');
  await expect(page.getByTestId('scene-From the Deck')).toHaveCount(0);
  // obs-websocket sees the same state as the UI.
  const { scenes } = await obs.call('GetSceneList');
  expect(scenes.map((s) => s['sceneName'])).not.toContain('From the Deck');

  await page.locator('body').press('Control+Shift+Z');
  await expect(page.getByTestId('scene-From the Deck')).toBeVisible();
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('scene-From the Deck')).toHaveCount(0);
  await expect(page.getByTestId('redo')).toBeEnabled();
});

test('a duplicate with its filters is one undo step, and one redo brings all of it back', async ({ page }) => {
  const sceneName = 'Dup scene';
  await obs.call('CreateScene', { sceneName });
  await obs.call('SetCurrentProgramScene', { sceneName });
  await obs.call('CreateInput', { sceneName, inputName: 'Dup box', inputKind: 'color_source_v3', inputSettings: { color: 0xff00ff00 } });
  for (const filterName of ['Tint', 'Sharper']) {
    await obs.call('CreateSourceFilter', { sourceName: 'Dup box', filterName, filterKind: 'color_filter_v2', filterSettings: {} });
  }
  await page.goto(server.launchUrl);
  await expect(page.getByTestId('dock-sources-subtitle')).toContainText(sceneName);
  await page.getByTestId('source-Dup box').click();
  await expect(page.getByTestId('undo')).toHaveAttribute('title', 'Undo: Create filter (Ctrl+Z)');

  await page.locator('body').press('Control+d');
  await expect(page.getByTestId('source-Dup box 2')).toBeVisible();
  await expect.poll(async () => (await obs.call('GetSourceFilterList', { sourceName: 'Dup box 2' })).filters.length).toBe(2);
  await expect(page.getByTestId('undo')).toHaveAttribute('title', 'Undo: Create source (Ctrl+Z)');

  // One undo: the copy and both its filters are gone; what came before (the original's filters) stays.
  await page.locator('body').press('Control+z');
  await expect(page.getByTestId('source-Dup box 2')).toHaveCount(0);
  const { inputs } = await obs.call('GetInputList');
  expect(inputs.map((i) => i['inputName'])).not.toContain('Dup box 2');
  await expect(page.getByTestId('undo')).toHaveAttribute('title', 'Undo: Create filter (Ctrl+Z)');
  expect((await obs.call('GetSourceFilterList', { sourceName: 'Dup box' })).filters.map((f) => f['filterName'])).toEqual(['Tint', 'Sharper']);

  // One redo: the copy, with both filters.
  await page.locator('body').press('Control+Shift+Z');
  await expect(page.getByTestId('source-Dup box 2')).toBeVisible();
  const copied = await obs.call('GetSourceFilterList', { sourceName: 'Dup box 2' });
  expect(copied.filters.map((f) => f['filterName'])).toEqual(['Tint', 'Sharper']);
  await expect(page.getByTestId('redo')).toBeDisabled();
});
