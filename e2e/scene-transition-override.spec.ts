/**
 * OBS's per-scene Transition Override from the studio's Scenes dock: right click a scene →
 * "Transition override…", choose a transition and a duration, save; an obs-websocket client
 * (obs-websocket-js, as a Stream Deck plugin would) reads the same override, and a bad duration is
 * refused in the dialog. Choosing None removes it. The picture of an override is judged in
 * test/integration/transitions.test.ts.
 */
import { expect, test } from '@playwright/test';
import OBSWebSocket from 'obs-websocket-js/json';
import { remoteControlUrl, startStudioServer, type StudioServer } from '../test/harness/studio-server';

const PASSWORD = 'e2e-override-password';
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

test("a scene's transition override is set and removed from its context menu", async ({ page }) => {
  await obs.call('CreateScene', { sceneName: 'Guest' });
  await page.goto(server.launchUrl);
  await expect(page.getByTestId('connection-banner')).toHaveCount(0);
  const row = page.getByTestId('scene-Guest');
  await expect(row).toBeVisible();

  await row.click({ button: 'right' });
  await page.getByTestId('menu-transition-override').click();
  await expect(page.getByTestId('override-duration')).toBeDisabled();
  await page.getByTestId('override-kind').selectOption('fade_transition');
  // Out of OBS's range: refused in place, nothing saved.
  await page.getByTestId('override-duration').fill('20');
  await page.getByTestId('override-save').click();
  await expect(page.getByTestId('override-error')).toContainText('50 to 20000');
  expect(await obs.call('GetSceneSceneTransitionOverride', { sceneName: 'Guest' })).toEqual({ transitionName: null, transitionDuration: null });

  await page.getByTestId('override-duration').fill('800');
  await page.getByTestId('override-save').click();
  await expect(page.getByTestId('override-save')).toHaveCount(0);
  await expect.poll(() => obs.call('GetSceneSceneTransitionOverride', { sceneName: 'Guest' })).toEqual({ transitionName: 'Fade', transitionDuration: 800 });

  // Reopened, it shows what is saved; None removes it.
  await row.click({ button: 'right' });
  await page.getByTestId('menu-transition-override').click();
  await expect(page.getByTestId('override-kind')).toHaveValue('fade_transition');
  await expect(page.getByTestId('override-duration')).toHaveValue('800');
  await page.getByTestId('override-kind').selectOption('');
  await page.getByTestId('override-save').click();
  await expect(page.getByTestId('override-save')).toHaveCount(0);
  await expect.poll(() => obs.call('GetSceneSceneTransitionOverride', { sceneName: 'Guest' })).toEqual({ transitionName: null, transitionDuration: null });
});
