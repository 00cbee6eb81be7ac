/**
 * End to end in real Chromium against server mode: a person opens the studio, adds a color source,
 * moves it, goes live to a real RTMP server, watches the stats tick, stops. The Playwright page is
 * itself the compositor (a browser tab on the server URL owns output when no primary exists).
 */
import { test, expect } from '@playwright/test';
import { startNginxRtmp, ffprobeJson, listFfmpegProcesses, type NginxRtmp } from '../test/harness';
import { startStudioServer, type StudioServer } from '../test/harness/studio-server';

let nginx: NginxRtmp;
let server: StudioServer;

test.beforeAll(async () => {
  nginx = await startNginxRtmp();
  server = await startStudioServer();
});

test.afterAll(async () => {
  await server?.stop();
  await nginx?.stop();
});

test('add a color source, move it, go live, watch stats, stop', async ({ page }, testInfo) => {
  await page.goto(server.launchUrl);
  await expect(page.getByTestId('preview-canvas')).toBeVisible();
  await expect(page.getByTestId('scene-Demo')).toBeVisible();

  await page.getByTestId('source-add').click();
  await page.getByTestId('source-kind-color_source_v3').click();
  await page.getByTestId('source-name-input').fill('Red box');
  await page.getByTestId('source-create').click();
  await expect(page.getByTestId('source-Red box')).toBeVisible();

  await page.getByTestId('source-Red box').click();
  await page.getByTestId('transform-positionX').fill('240');
  await page.getByTestId('transform-positionX').press('Enter');
  await page.getByTestId('transform-positionY').fill('120');
  await page.getByTestId('transform-positionY').press('Enter');
  await expect(page.getByTestId('transform-positionX')).toHaveValue('240');

  await page.getByTestId('settings-open').click();
  await page.getByTestId('settings-tab-stream').click();
  await page.getByTestId('settings-server').fill(`rtmp://127.0.0.1:${nginx.port}/live`);
  await page.getByTestId('settings-key').fill('e2e-key');
  // Settings apply as you go: Enter (or leaving the field) saves the destination.
  await page.getByTestId('settings-key').press('Enter');
  await expect(page.getByTestId('settings-status')).toBeVisible();
  await page.getByTestId('settings-close').click();

  await page.getByTestId('go-live').click();
  await expect(page.getByTestId('stream-state')).toHaveText('live', { timeout: 30_000 });

  // Stats tick: bytes and uptime change from one second to the next.
  const bytes1 = await page.getByTestId('stat-bytes').textContent();
  const uptime1 = await page.getByTestId('stat-uptime').textContent();
  await expect.poll(async () => page.getByTestId('stat-uptime').textContent(), { timeout: 10_000 }).not.toBe(uptime1);
  await expect.poll(async () => page.getByTestId('stat-bytes').textContent(), { timeout: 10_000 }).not.toBe(bytes1);
  await expect.poll(async () => Number((await page.getByTestId('stat-fps').textContent())?.match(/[\d.]+/)?.[0] ?? 0)).toBeGreaterThan(0);

  const probe = await ffprobeJson(nginx.url('e2e-key'));
  expect(probe.streams.map((s) => s.codec_name).sort()).toEqual(['aac', 'h264']);

  await page.screenshot({ path: testInfo.outputPath('studio-live.png'), fullPage: true });
  await testInfo.attach('studio-live', { path: testInfo.outputPath('studio-live.png'), contentType: 'image/png' });

  await page.getByTestId('stop-stream').click();
  await expect(page.getByTestId('stream-state')).toHaveText('idle', { timeout: 60_000 });
  expect(listFfmpegProcesses(`127.0.0.1:${nginx.port}`)).toEqual([]);
});
