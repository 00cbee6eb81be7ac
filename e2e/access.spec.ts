/**
 * The ready line's URL is the way in (server mode's per-run secret, src/server/access.ts): opened in
 * a real Chromium it loads the studio and leaves the address bar without the secret; the same page
 * opened without it says plainly which URL to open instead of reconnecting forever.
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

test('without the secret the page is told which URL to open, and never reaches the engine', async ({ page }) => {
  await page.goto(server.url);
  await expect(page.getByTestId('connection-refused')).toContainText('open the URL printed when server mode started');
  await expect(page.getByTestId('connection-banner')).toHaveCount(0);
});

test('the printed URL opens the studio, and the secret leaves the address bar', async ({ page }) => {
  await page.goto(server.launchUrl);
  await expect(page).toHaveURL(server.url);
  await expect(page.getByTestId('connection-refused')).toHaveCount(0);
  await expect(page.getByTestId('connection-banner')).toHaveCount(0);
  const cookies = await page.context().cookies(server.url);
  expect(cookies).toEqual([expect.objectContaining({ name: `studio-${server.port}`, httpOnly: true, sameSite: 'Strict' })]);
  // The FFmpeg path is shown, not editable, with how to change it.
  await page.getByTestId('settings-open').click();
  await page.getByTestId('settings-tab-output').click();
  await expect(page.getByTestId('settings-ffmpeg')).toHaveAttribute('readonly', '');
});
