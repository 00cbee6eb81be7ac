/**
 * The stats history end to end: enter the uplink and see the budget, go live to a real RTMP server
 * (the Playwright page is the compositor), open the graphs and watch them fill with samples, stop.
 */
import { test, expect } from '@playwright/test';
import { startNginxRtmp, type NginxRtmp } from '../test/harness';
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

test('budget in settings, then graphs of the live stats', async ({ page }, testInfo) => {
  await page.goto(server.launchUrl);
  await expect(page.getByTestId('preview-canvas')).toBeVisible();

  await page.getByTestId('settings-open').click();
  await page.getByTestId('settings-tab-stream').click();
  await page.getByTestId('settings-server').fill(`rtmp://127.0.0.1:${nginx.port}/live`);
  await page.getByTestId('settings-key').fill('stats-key');
  await page.getByTestId('settings-key').press('Enter');
  await expect(page.getByTestId('settings-status')).toBeVisible();
  // The default 2500 + 160 kbps plus overhead does not fit 1000 kbps, and does fit 100 Mbps.
  await page.getByTestId('settings-uplink').fill('1000');
  await page.getByTestId('settings-uplink').press('Enter');
  await expect(page.getByTestId('settings-budget')).toHaveAttribute('data-fits', 'false');
  await expect(page.getByTestId('settings-budget')).toContainText('your uplink is 1 Mbps');
  await page.getByTestId('settings-uplink').fill('100000');
  await page.getByTestId('settings-uplink').press('Enter');
  await expect(page.getByTestId('settings-budget')).toHaveAttribute('data-fits', 'true');
  await page.getByTestId('settings-bandwidth').screenshot({ path: testInfo.outputPath('budget.png') });
  await page.getByTestId('settings-close').click();

  await page.getByTestId('go-live').click();
  await expect(page.getByTestId('stream-state')).toHaveText('live', { timeout: 30_000 });
  await page.getByTestId('stats-graphs-toggle').click();
  const panel = page.getByTestId('stats-panel');
  await expect(panel).toBeVisible();

  // A line per graph, each with several one-second samples drawn.
  const points = (graph: string, series: string) =>
    panel.getByTestId(`graph-${graph}`).locator(`[data-series="${series}"]`).getAttribute('data-points').then(Number);
  await expect.poll(() => points('bitrate', 'total'), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
  for (const [graph, series] of [['fps', 'fps'], ['render', 'render'], ['cpu', 'cpu'], ['lost', 'lagged']] as const) {
    expect(await points(graph, series)).toBeGreaterThanOrEqual(2);
  }
  // The destination has its own bitrate line, and the total's path really draws something.
  await expect(panel.getByTestId('graph-bitrate').getByTestId('graph-line')).toHaveCount(2);
  expect(await panel.getByTestId('graph-bitrate').locator('[data-series="total"]').getAttribute('d')).toMatch(/( L[\d.]+,[\d.]+){2}/);
  await page.screenshot({ path: testInfo.outputPath('stats-graphs.png') });
  await testInfo.attach('stats-graphs', { path: testInfo.outputPath('stats-graphs.png'), contentType: 'image/png' });

  await page.getByTestId('stop-stream').click();
  await expect(page.getByTestId('stream-state')).toHaveText('idle', { timeout: 60_000 });
  // The history outlives the stop.
  expect(await points('bitrate', 'total')).toBeGreaterThanOrEqual(3);
});
