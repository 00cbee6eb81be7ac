/**
 * Hotkeys as an OBS user sets them: Settings → Hotkeys, click the action's key field, press the
 * combination; the key then runs the action in this window. The binding is the engine's (profile),
 * so obs-websocket's TriggerHotkeyByKeySequence would run the same thing.
 */
import { expect, test } from '@playwright/test';
import { startStudioServer, type StudioServer } from '../test/harness/studio-server';

let server: StudioServer;

test.beforeAll(async () => {
  server = await startStudioServer();
});

test.afterAll(async () => {
  await server?.stop();
});

test('bind a key to a scene switch in Settings, then press it', async ({ page }) => {
  await page.goto(server.launchUrl);
  await page.getByTestId('scene-add').click();
  await page.getByTestId('scene-name-input').fill('Second');
  await page.getByTestId('scene-name-input').press('Enter');
  await expect(page.getByTestId('scene-Second')).toHaveAttribute('aria-current', 'true');

  await page.getByTestId('settings-open').click();
  await page.getByTestId('settings-tab-hotkeys').click();
  await page.getByTestId('hotkey-filter').fill('Switch to scene Demo');
  const field = page.getByTestId('hotkey-keys-Switch to scene Demo');
  await field.click();
  await expect(field).toHaveText('Press a key…');
  await field.press('Control+F2');
  await expect(field).toHaveText('Ctrl+F2');
  await page.getByTestId('settings-close').click();

  await page.locator('body').press('Control+F2');
  await expect(page.getByTestId('scene-Demo')).toHaveAttribute('aria-current', 'true');
  // An unbound key does nothing to the scene.
  await page.locator('body').press('F3');
  await expect(page.getByTestId('scene-Demo')).toHaveAttribute('aria-current', 'true');
});
