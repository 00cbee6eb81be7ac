/**
 * OBS's Scene Transitions and Stats docks: both listed in View and the menu bar's Docks, hidden and
 * shown from View; the transitions dock sets the engine's current transition, its duration (an out of
 * range one refused beside the field) and its properties, as an obs-websocket client
 * (obs-websocket-js) reads them; the Stats dock shows the canvas's measured frame rate; and opening
 * the stats graphs leaves the preview exactly the size it was.
 */
import { expect, test, type Page } from '@playwright/test';
import OBSWebSocket from 'obs-websocket-js/json';
import { remoteControlUrl, startStudioServer, type StudioServer } from '../test/harness/studio-server';

const PASSWORD = 'e2e-docks-more-password';
let server: StudioServer;
const obs = new OBSWebSocket();

test.beforeAll(async () => {
  server = await startStudioServer({ env: { STUDIO_WS_PASSWORD: PASSWORD } });
  await obs.connect(remoteControlUrl(server), PASSWORD);
});

test.afterAll(async () => {
  await obs.disconnect().catch(() => {});
  await server?.stop();
});

async function open(page: Page) {
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.goto(server.launchUrl);
  await expect(page.getByTestId('connection-banner')).toHaveCount(0);
  await expect(page.getByTestId('preview-canvas')).toBeVisible();
}

const transitions = (page: Page) => page.getByRole('region', { name: 'Scene Transitions' });
const stats = (page: Page) => page.getByRole('region', { name: 'Stats', exact: true });

test('Scene Transitions and Stats are docks: in View and the menu bar, hidden and shown from View', async ({ page }) => {
  await open(page);
  // By default, as in OBS: Scene Transitions above Controls, Stats in the list but hidden.
  await expect(page.locator('[data-dock-column="right"]').getByRole('region', { name: 'Scene Transitions' })).toBeVisible();
  await expect(stats(page)).toBeHidden();
  await expect(page.locator('[data-dock-column="right"] > .dock-slot[data-dock="stats"]')).toHaveCount(1);

  await page.getByTestId('view-menu').click();
  await expect(page.getByTestId('view-dock-transitions')).toBeChecked();
  await expect(page.getByTestId('view-dock-stats')).not.toBeChecked();
  await page.getByTestId('view-dock-stats').click();
  await expect(page.getByTestId('view-dock-stats')).toBeChecked();
  await expect(stats(page)).toBeVisible();
  await page.getByTestId('view-dock-transitions').click();
  await expect(page.getByTestId('view-dock-transitions')).not.toBeChecked();
  await expect(transitions(page)).toBeHidden();
  await page.keyboard.press('Escape');

  // Kept across a reload.
  await page.reload();
  await expect(page.getByTestId('preview-canvas')).toBeVisible();
  await expect(stats(page)).toBeVisible();
  await expect(transitions(page)).toBeHidden();

  // The menu bar's Docks menu lists both, from the same data, with the same state.
  await page.getByRole('menubar', { name: 'Main menu' }).getByRole('menuitem', { name: 'Docks', exact: true }).click();
  const docks = page.getByRole('menu', { name: 'Docks', exact: true });
  await expect(docks.getByRole('menuitemcheckbox', { name: 'Stats', exact: true })).toHaveAttribute('aria-checked', 'true');
  await expect(docks.getByRole('menuitemcheckbox', { name: 'Scene Transitions', exact: true })).toHaveAttribute('aria-checked', 'false');
  await docks.getByRole('menuitemcheckbox', { name: 'Scene Transitions', exact: true }).click();
  await expect(transitions(page)).toBeVisible();

  await page.getByTestId('view-menu').click();
  await page.getByTestId('view-reset-layout').click();
  await expect(stats(page)).toBeHidden();
  await expect(transitions(page)).toBeVisible();
});

test('the transitions dock sets the current transition, its duration and its properties', async ({ page }) => {
  await obs.call('SetCurrentSceneTransition', { transitionName: 'Cut' });
  await open(page);
  const kind = page.getByTestId('transition-kind');
  const duration = page.getByTestId('transition-duration');
  await expect(kind).toHaveValue('cut_transition');
  // A cut has no duration (OBS's fixed transition) and no properties.
  await expect(duration).toBeDisabled();
  await expect(page.getByTestId('transition-properties')).toBeDisabled();

  await kind.selectOption('fade_transition');
  await expect.poll(async () => (await obs.call('GetCurrentSceneTransition')).transitionKind).toBe('fade_transition');
  await expect(duration).toBeEnabled();

  // Out of OBS's range: the error beside the field, nothing sent.
  await duration.fill('20');
  await duration.press('Enter');
  await expect(page.getByTestId('transition-duration-error')).toHaveText('Duration must be a whole number of milliseconds from 50 to 20000.');
  await expect(duration).toHaveAttribute('aria-invalid', 'true');
  expect((await obs.call('GetCurrentSceneTransition')).transitionDuration).toBe(300);

  await duration.fill('750');
  await duration.press('Enter');
  await expect(page.getByTestId('transition-duration-error')).toHaveCount(0);
  await expect.poll(async () => (await obs.call('GetCurrentSceneTransition')).transitionDuration).toBe(750);

  // A change from an obs-websocket client shows in the dock (while the field is being typed in, the
  // typing wins: leave it first).
  await duration.blur();
  await obs.call('SetCurrentSceneTransitionDuration', { transitionDuration: 1200 });
  await expect(duration).toHaveValue('1200');

  // Properties: the form generated from the kind's schema; a change reaches the engine.
  await kind.selectOption('slide_transition');
  await expect.poll(async () => (await obs.call('GetCurrentSceneTransition')).transitionName).toBe('Slide');
  await page.getByTestId('transition-properties').click();
  const dialog = page.getByRole('dialog', { name: 'Slide properties' });
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('prop-direction').selectOption({ label: 'Up' });
  await page.getByTestId('transition-properties-close').click();
  await expect(dialog).toHaveCount(0);
  await expect.poll(async () => (await obs.call('GetCurrentSceneTransition')).transitionSettings).toEqual({ direction: 'up' });
  // The duration stays with the current transition across kinds.
  expect((await obs.call('GetCurrentSceneTransition')).transitionDuration).toBe(1200);
});

test('the Stats dock shows the measured frame rate, and the graphs open in it without shrinking the preview', async ({ page }) => {
  await open(page);
  const preview = page.getByTestId('preview-canvas');
  const before = await preview.boundingBox();
  if (!before) throw new Error('the preview is not laid out');

  await page.getByTestId('stats-graphs-toggle').click();
  await expect(page.getByTestId('stats-graphs-toggle')).toHaveAttribute('aria-expanded', 'true');
  // The graphs open in the Stats dock, shown for them.
  await expect(stats(page).getByTestId('stats-panel')).toBeVisible();
  const after = await preview.boundingBox();
  if (!after) throw new Error('the preview is not laid out');
  for (const k of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(after[k] - before[k])).toBeLessThanOrEqual(1);

  // OBS's "58.9 / 60 fps": measured, then set (30 by default); the compositor draws, so it is above 0.
  const fps = stats(page).getByTestId('stats-dock-fps');
  await expect(fps).toHaveText(/^[\d.]+ \/ 30 fps$/);
  await expect.poll(async () => parseFloat((await fps.textContent()) ?? '0'), { timeout: 15_000 }).toBeGreaterThan(0);
  await expect(stats(page).getByTestId('stats-dock-render')).toHaveText(/ms$/);

  // Hiding the graphs from the dock's own button; hiding the dock closes them.
  await stats(page).getByTestId('stats-dock-graphs').click();
  await expect(page.getByTestId('stats-panel')).toHaveCount(0);
  await page.getByTestId('stats-graphs-toggle').click();
  await expect(page.getByTestId('stats-panel')).toBeVisible();
  await page.getByTestId('view-menu').click();
  await page.getByTestId('view-dock-stats').click();
  await expect(page.getByTestId('view-dock-stats')).not.toBeChecked();
  await expect(page.getByTestId('stats-panel')).toHaveCount(0);
  await expect(page.getByTestId('stats-graphs-toggle')).toHaveAttribute('aria-expanded', 'false');
  const end = await preview.boundingBox();
  expect(end && Math.abs(end.height - before.height)).toBeLessThanOrEqual(1);
});
