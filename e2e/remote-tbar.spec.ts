/**
 * The web remote's T-bar in real Chromium against a real studio (in this process) over
 * obs-websocket: in studio mode a producer drags the bar half-way (program is held part-way: the
 * studio's transition cursor follows), lets go (the bar stays, as OBS's does), then pushes it to
 * the top (the take: program becomes the preview scene and the bar springs back). Pictures of a held
 * transition are checked in test/integration/transitions.test.ts.
 */
import { test, expect } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Studio } from '../src/engine/api';
import { createStudio } from '../src/engine/studio';
import { errorsOnlyLogger as logger, serveRemotePages } from '../test/harness/remote-pages';
import { createRemoteEventSource } from '../src/engine/remote/events';
import { createRequestRegistry } from '../src/engine/remote/requests/registry';
import { startRemoteServer, type RemoteServer } from '../src/engine/remote/server';
import type { RemoteEventSource } from '../src/engine/remote/types';

const ROOT = path.resolve(import.meta.dirname, '..');
const RENDERER = path.join(ROOT, 'out/renderer');
const PASSWORD = 'e2e tbar password';

let dataDir: string;
let studio: Studio;
let events: RemoteEventSource;
let remote: RemoteServer;
let pages: http.Server;
let pageOrigin: string;
let firstScene: string;
let nextScene: string;


async function must<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

test.beforeAll(async () => {
  if (!existsSync(path.join(RENDERER, 'remote.html'))) {
    throw new Error(`${RENDERER}/remote.html is missing: run "npx electron-vite build" (npm test does) first.`);
  }
  dataDir = await mkdtemp(path.join(tmpdir(), 'studio-tbar-e2e-'));
  studio = await createStudio({ dataDir, resourcesDir: path.join(ROOT, 'resources'), logger });
  firstScene = studio.document().currentSceneUuid;
  nextScene = (await must(studio.execute('scene.create', { name: 'Next' }))).sceneUuid;
  await must(studio.execute('transition.set', { kind: 'fade_transition', durationMs: 500 }));
  await must(studio.execute('studio.setMode', { enabled: true }));
  await must(studio.execute('scene.setPreview', { sceneUuid: nextScene }));
  events = createRemoteEventSource(studio);
  pages = await serveRemotePages(RENDERER);
  pageOrigin = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
  const started = await startRemoteServer({
    studio,
    registry: createRequestRegistry({ dataDir }),
    events,
    logger,
    port: 0,
    bind: '127.0.0.1',
    password: PASSWORD,
    allowedOrigins: [pageOrigin],
    version: 'e2e',
  });
  if (!started.ok) throw new Error(started.error.message);
  remote = started.value;
});

test.afterAll(async () => {
  await remote?.close();
  events?.dispose();
  await new Promise<void>((resolve) => (pages ? pages.close(() => resolve()) : resolve()));
  await studio?.dispose();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('the T-bar holds program part-way where it is let go, and takes at the top', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(`${pageOrigin}/remote/?ws=127.0.0.1:${remote.port}`);
  await page.getByTestId('remote-password').fill(PASSWORD);
  await page.getByTestId('remote-connect').click();
  const bar = page.getByTestId('remote-tbar');
  await expect(bar).toBeEnabled();
  expect(studio.transitionCursor!()).toBe(1);

  // A press and release in the middle of the bar: the studio holds the fade there, program unchanged.
  const box = (await bar.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect.poll(() => studio.transitionCursor!(), { timeout: 15_000 }).toBeLessThan(0.75);
  const held = studio.transitionCursor!();
  expect(held).toBeGreaterThan(0.25);
  expect(studio.document().currentSceneUuid).toBe(firstScene);
  await expect(page.getByTestId('remote-tbar-value')).toHaveText(`${Math.round(held * 100)}%`);

  // To the top with the keyboard: the take puts the preview scene on program; the bar is back at 0.
  await bar.focus();
  await page.keyboard.press('End');
  await expect.poll(() => studio.document().currentSceneUuid, { timeout: 15_000 }).toBe(nextScene);
  expect(studio.document().previewSceneUuid).toBe(firstScene);
  await expect(bar).toHaveValue('0');
  await expect.poll(() => studio.transitionCursor!()).toBe(1);
  expect(pageErrors).toEqual([]);
});

test('Take waits while a transition runs: the studio would ignore it, and the monitors follow its events', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  // OBS's longest fade, so it is still running while the remote is looked at.
  await must(studio.execute('transition.set', { kind: 'fade_transition', durationMs: 20_000 }));
  const program = studio.document().currentSceneUuid;
  const preview = studio.document().previewSceneUuid;
  expect(preview).not.toBe(program);
  await page.goto(`${pageOrigin}/remote/?ws=127.0.0.1:${remote.port}`);
  await page.getByTestId('remote-password').fill(PASSWORD);
  await page.getByTestId('remote-connect').click();
  const take = page.getByTestId('remote-take');
  await expect(take).toBeEnabled();
  await take.click();
  await expect.poll(() => studio.document().currentSceneUuid).toBe(preview);
  await expect(take).toBeDisabled();
  await expect(take).toHaveText('Taking…');
  // The program is told when the fade has ended, as OBS does: until then the remote shows the old one.
  const name = (uuid: string) => studio.document().scenes.find((s) => s.uuid === uuid)!.name;
  await expect(page.getByTestId('remote-program')).toContainText(name(program));
  expect(pageErrors).toEqual([]);
});
