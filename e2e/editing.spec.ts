/**
 * Editing as an OBS user expects it: a new scene is the one being edited next and the Sources dock
 * says which scene it lists; a source without a picture (a test tone) shows no transform and draws
 * no selection box, while a picture source shows both.
 */
import { expect, test, type Page } from '@playwright/test';
import { startStudioServer, type StudioServer } from '../test/harness/studio-server';

let server: StudioServer;

test.beforeAll(async () => {
  server = await startStudioServer();
});

test.afterAll(async () => {
  await server?.stop();
});

async function addSource(page: Page, kind: string, name: string): Promise<void> {
  await page.getByTestId('source-add').click();
  await page.getByTestId(`source-kind-${kind}`).click();
  await page.getByTestId('source-name-input').fill(name);
  await page.getByTestId('source-create').click();
  await expect(page.getByTestId(`source-${name}`)).toBeVisible();
}

test('a new scene becomes current and the Sources dock names it; audio-only sources have no box', async ({ page }) => {
  await page.goto(server.launchUrl);
  await expect(page.getByTestId('dock-sources-subtitle')).toContainText('Demo');

  await page.getByTestId('scene-add').click();
  await page.getByTestId('scene-name-input').fill('Interview');
  await page.getByTestId('scene-name-input').press('Enter');
  await expect(page.getByTestId('dock-sources-subtitle')).toContainText('Interview');
  await expect(page.getByTestId('scene-Interview')).toHaveAttribute('aria-current', 'true');

  await addSource(page, 'audio_test_tone', 'Tone');
  await page.getByTestId('source-Tone').click();
  await expect(page.getByTestId('transform-positionX')).toHaveCount(0);
  await expect(page.locator('.selection')).toHaveCount(0);

  await addSource(page, 'color_source_v3', 'Card');
  await page.getByTestId('source-Card').click();
  await expect(page.getByTestId('transform-positionX')).toBeVisible();
  await expect(page.locator('.selection')).toHaveCount(1);
});
