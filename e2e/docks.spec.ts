/**
 * Docks: View hides a dock and moves one to the other column; the layout survives a reload (kept
 * in this browser) and View → Reset layout puts OBS-like defaults back.
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

test('hide and move docks from View, kept across a reload, then Reset layout', async ({ page }) => {
  await page.goto(server.launchUrl);
  await expect(page.getByTestId('preview-canvas')).toBeVisible();
  const mixer = page.getByRole('region', { name: 'Audio Mixer' });
  const scenes = page.getByRole('region', { name: 'Scenes' });
  await expect(mixer).toBeVisible();
  await expect(page.locator('.column-left').getByRole('region', { name: 'Scenes' })).toBeVisible();

  await page.getByTestId('view-menu').click();
  await page.getByTestId('view-dock-mixer').click();
  await expect(page.getByTestId('view-dock-mixer')).not.toBeChecked();
  await expect(mixer).toBeHidden();
  await page.getByTestId('view-dock-move-scenes').click();
  await expect(page.locator('.column-right').getByRole('region', { name: 'Scenes' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('view-menu-panel')).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId('preview-canvas')).toBeVisible();
  await expect(page.locator('.column-right').getByRole('region', { name: 'Scenes' })).toBeVisible();
  await expect(mixer).toBeHidden();

  await page.getByTestId('view-menu').click();
  await page.getByTestId('view-reset-layout').click();
  await expect(mixer).toBeVisible();
  await expect(page.locator('.column-left').getByRole('region', { name: 'Scenes' })).toBeVisible();
  await expect(scenes).toHaveCount(1);
});
