/**
 * The web remote's graphics controls in real Chromium against a real studio (in this process) over
 * obs-websocket: a producer edits a lower third's fields, shows it, steps its queue and hides it;
 * bumps a score, runs and sets the game clock; starts a countdown. Every step is checked in the studio's
 * own document, and a change made elsewhere shows up in the remote. Pictures are checked in
 * test/integration/overlays.test.ts.
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
const PASSWORD = 'e2e graphics password';

let dataDir: string;
let studio: Studio;
let events: RemoteEventSource;
let remote: RemoteServer;
let pages: http.Server;
let pageOrigin: string;


const settingsOf = (name: string): Record<string, unknown> => studio.document().inputs.find((i) => i.name === name)!.settings;

async function create(name: string, kind: string, settings: Record<string, unknown>): Promise<string> {
  const r = await studio.execute('input.create', { sceneUuid: studio.document().currentSceneUuid, name, kind, settings });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.inputUuid;
}

test.beforeAll(async () => {
  if (!existsSync(path.join(RENDERER, 'remote.html'))) {
    throw new Error(`${RENDERER}/remote.html is missing: run "npx electron-vite build" (npm test does) first.`);
  }
  dataDir = await mkdtemp(path.join(tmpdir(), 'studio-graphics-e2e-'));
  studio = await createStudio({ dataDir, resourcesDir: path.join(ROOT, 'resources'), logger });
  await create('LT', 'lower_third', { name: 'Ada', title: 'Host', queue: [{ name: 'Grace', title: 'Guest' }, { name: 'Alan', title: 'Guest' }] });
  await create('Score', 'scoreboard', { home_name: 'Reds', away_name: 'Blues' });
  await create('Count', 'countdown_timer', { duration_s: 600 });
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

test('a producer drives a lower third, a scoreboard and a countdown from the web remote', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(`${pageOrigin}/remote/?ws=127.0.0.1:${remote.port}`);
  await page.getByTestId('remote-password').fill(PASSWORD);
  await page.getByTestId('remote-connect').click();
  const panel = page.getByTestId('remote-graphics');
  await expect(panel).toBeVisible();

  // Lower third: edit the name, save, show, step to the first queued entry, hide.
  const name = page.getByTestId('remote-lt-name-LT');
  await expect(name).toHaveValue('Ada');
  await name.fill('Ada Lovelace');
  await page.getByTestId('remote-lt-save-LT').click();
  await expect.poll(() => settingsOf('LT')['name']).toBe('Ada Lovelace');
  await page.getByTestId('remote-lt-show-LT').click();
  await expect.poll(() => settingsOf('LT')['visible']).toBe(true);
  await expect(page.getByTestId('remote-lt-state-LT')).toHaveText('Shown');
  await page.getByTestId('remote-lt-next-LT').click();
  await expect.poll(() => settingsOf('LT')['queue_index']).toBe(0);
  await page.getByTestId('remote-lt-next-LT').click();
  await expect.poll(() => settingsOf('LT')['queue_index']).toBe(1);
  await expect(page.getByTestId('remote-lt-next-LT')).toBeDisabled();
  await page.getByTestId('remote-lt-hide-LT').click();
  await expect.poll(() => settingsOf('LT')['visible']).toBe(false);
  await expect(page.getByTestId('remote-lt-state-LT')).toHaveText('Hidden');
  // The producer queues a third entry from the fields, then drops the first one.
  await name.fill('Linus');
  await page.getByTestId('remote-lt-enqueue-LT').click();
  await expect.poll(() => (settingsOf('LT')['queue'] as unknown[]).length).toBe(3);
  expect((settingsOf('LT')['queue'] as { name: string }[])[2]!.name).toBe('Linus');
  await page.getByTestId('remote-lt-dequeue-LT-0').click();
  await expect.poll(() => (settingsOf('LT')['queue'] as { name: string }[]).map((e) => e.name)).toEqual(['Alan', 'Linus']);
  // Alan was shown (index 1) and still is, now at index 0.
  expect(settingsOf('LT')['queue_index']).toBe(0);
  // Cueing an entry by its name picks it directly.
  await page.getByTestId('remote-lt-cue-LT-1').click();
  await expect.poll(() => settingsOf('LT')['queue_index']).toBe(1);
  // A change made by another tool shows up in the untouched field.
  const lt = studio.document().inputs.find((i) => i.name === 'LT')!;
  expect((await studio.execute('input.update', { inputUuid: lt.uuid, settings: { title: 'Engineer' } })).ok).toBe(true);
  await expect(page.getByTestId('remote-lt-title-LT')).toHaveValue('Engineer');

  // Scoreboard: a goal for the home team, then the game clock runs and stops.
  await page.getByTestId('remote-score-home-plus-Score').click();
  await expect.poll(() => settingsOf('Score')['home_score']).toBe(1);
  await expect(page.getByTestId('remote-score-home-Score')).toHaveText('1');
  expect(settingsOf('Score')['home_name']).toBe('Reds');
  await page.getByTestId('remote-clock-toggle-Score').click();
  await expect.poll(() => settingsOf('Score')['clock_running']).toBe(true);
  expect(settingsOf('Score')['clock_started_at']).toBeGreaterThan(0);
  await expect(page.getByTestId('remote-clock-toggle-Score')).toHaveText('Stop clock');
  await page.getByTestId('remote-clock-toggle-Score').click();
  await expect.poll(() => settingsOf('Score')['clock_running']).toBe(false);
  // Set to a reading typed as m:ss (the start/stop/set); one that is not a clock is named.
  const setClock = page.getByTestId('remote-clock-set-Score');
  await setClock.fill('12:75');
  await setClock.press('Enter');
  await expect(page.getByTestId('remote-notice')).toContainText('"12:75" is not a clock reading');
  await setClock.fill('12:34');
  await setClock.press('Enter');
  await expect.poll(() => settingsOf('Score')['clock_ms']).toBe(754_000);
  await expect(page.getByTestId('remote-scoreboard-Score')).toContainText('12:34');

  // Countdown: a duration it cannot take is named in minutes, as the field reads, and the field goes
  // back to the countdown's own; then started from the remote, its reading counts down from 10:00.
  const minutes = page.getByTestId('remote-countdown-Count').locator('input[type=number]');
  await minutes.fill('-5');
  await minutes.press('Enter');
  await expect(page.getByTestId('remote-notice')).toContainText('Minutes must be a number from 0.1 to 5999');
  await expect(minutes).toHaveValue('10');
  expect(settingsOf('Count')['duration_s']).toBe(600);
  await expect(page.getByTestId('remote-countdown-left-Count')).toHaveText('10:00');
  await page.getByTestId('remote-clock-toggle-Count').click();
  await expect.poll(() => settingsOf('Count')['clock_running']).toBe(true);
  await expect(page.getByTestId('remote-countdown-left-Count')).toHaveText(/^9:5\d$/);
  expect(pageErrors).toEqual([]);
});
