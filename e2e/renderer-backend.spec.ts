/**
 * The stats panel shows server mode's compositor GL backend and why, from GET /healthz
 * (src/server/gl-probe.ts); STUDIO_GL=swiftshader forces it, so the reason names the variable.
 */
import { test, expect } from '@playwright/test';
import { startStudioServer, type StudioServer } from '../test/harness/studio-server';

let server: StudioServer;

test.beforeAll(async () => {
  server = await startStudioServer({ headless: true, env: { STUDIO_GL: 'swiftshader' } });
});

test.afterAll(async () => {
  await server?.stop();
});

test('the stats panel names the GL backend and the reason', async ({ page }) => {
  await page.goto(server.launchUrl);
  await expect(page.getByTestId('preview-canvas')).toBeVisible();
  await page.getByTestId('stats-graphs-toggle').click();
  const backend = page.getByTestId('renderer-backend');
  await expect(backend).toHaveAttribute('data-backend', 'swiftshader', { timeout: 60_000 });
  await expect(backend).toHaveAttribute('data-source', 'forced');
  await expect(page.getByTestId('renderer-backend-reason')).toContainText('STUDIO_GL=swiftshader');
});
