/**
 * A browser source in the studio's Properties dock: the Refresh page button (OBS's "Refresh cache of
 * current page", refreshnocache) reloads the page, which the test's own loopback site sees as a
 * second request for it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { connectStudio, type StudioClient } from '../test/harness/studio-client';
import { startStudioServer, type StudioServer } from '../test/harness/studio-server';

let server: StudioServer;
let studio: StudioClient;
let site: Server;
let siteUrl = '';
let hits = 0;

test.beforeAll(async () => {
  site = createServer((req, res) => {
    // The browser also asks for /favicon.ico: only the page counts.
    if (req.url !== '/page') return void res.writeHead(404).end();
    hits++;
    res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' }).end('<body style="background:#0a0">page</body>');
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/page`;
  server = await startStudioServer();
  studio = await connectStudio(server);
});

test.afterAll(async () => {
  studio?.close();
  await server?.stop();
  await new Promise<void>((r) => (site ? site.close(() => r()) : r()));
});

test('Refresh page reloads a browser source', async ({ page }) => {
  const doc = await studio.waitFor((e) => e.type === 'document.changed');
  const sceneUuid = doc.type === 'document.changed' ? doc.data.document.currentSceneUuid : '';
  await studio.must('input.create', { sceneUuid, name: 'Web', kind: 'browser_source', settings: { url: siteUrl, width: 320, height: 240 } });
  await expect.poll(() => hits, { timeout: 90_000 }).toBe(1);

  await page.goto(server.launchUrl);
  await page.getByTestId('source-Web').click();
  await page.getByRole('button', { name: 'Refresh page' }).click();
  await expect.poll(() => hits, { timeout: 90_000 }).toBe(2);
});
