/**
 * Undo across clients: a producer's tool creates a scene over obs-websocket (obs-websocket-js, as a
 * Stream Deck plugin would), and the studio's own Ctrl+Z takes it back — the history is the
 * engine's, so the UI and obs-websocket see one state. Redo brings it back; the buttons say what.
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
