/**
 * The menu bar in server mode (OBS's File, Edit, View, Docks, Tools, Help): every menu opens;
 * Edit → Undo takes back a real rename, named in the item; View shows and hides a dock; File →
 * Settings and Tools → Hotkeys open Settings; the keyboard works as the menubar pattern says (Alt+
 * letter, arrows, Escape); and the status bar's FPS is the compositor's measured rate, beside (and
 * not) the rate the canvas is set to.
 */
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { connectStudio, type StudioClient } from '../test/harness/studio-client';
import { startStudioServer, type StudioServer } from '../test/harness/studio-server';

const OBS_FIXTURE = path.resolve(import.meta.dirname, '../test/fixtures/obs/show.json');
let server: StudioServer;
let studio: StudioClient;

test.beforeAll(async () => {
  server = await startStudioServer();
  studio = await connectStudio(server);
});

test.afterAll(async () => {
  studio?.close();
  await server?.stop();
});

async function open(page: Page): Promise<void> {
  await page.goto(server.launchUrl);
  await expect(page.getByTestId('connection-banner')).toHaveCount(0);
  await expect(page.getByRole('menubar', { name: 'Main menu' })).toBeVisible();
}

const bar = (page: Page) => page.getByRole('menubar', { name: 'Main menu' });
const top = (page: Page, name: string) => bar(page).getByRole('menuitem', { name, exact: true });
const menu = (page: Page, name: string) => page.getByRole('menu', { name, exact: true });

test('each menu opens with a click and closes with Escape', async ({ page }) => {
  await open(page);
  for (const name of ['File', 'Edit', 'View', 'Docks', 'Tools', 'Help']) {
    await top(page, name).click();
    await expect(menu(page, name)).toBeVisible();
    await expect(top(page, name)).toHaveAttribute('aria-expanded', 'true');
    await expect(menu(page, name).getByRole('menuitem').or(menu(page, name).getByRole('menuitemcheckbox')).first()).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(menu(page, name)).toHaveCount(0);
  }
  // Help → About names the engine's version and where it logs.
  await top(page, 'Help').click();
  await menu(page, 'Help').getByRole('menuitem', { name: 'About Broadcast Studio' }).click();
  await expect(page.getByTestId('about-version')).toHaveText(/^\d+\.\d+\.\d+/);
  await expect(page.getByTestId('about-log')).toContainText('studio.log');
  // In a browser the folders' paths are offered to copy, saying why they cannot be opened.
  await expect(page.getByTestId('folder-recordings')).toHaveText('Copy path');
  await expect(page.getByTestId('folder-recordings')).toHaveAttribute('title', /cannot open folders/);
});

test('Edit → Undo takes back a rename, and is disabled with nothing to undo', async ({ page }) => {
  const { sceneUuid } = await studio.must('scene.create', { name: 'Menu Alpha' });
  await studio.must('scene.rename', { sceneUuid, name: 'Menu Beta' });
  await open(page);
  await expect(page.getByTestId('scene-Menu Beta')).toBeVisible();

  await top(page, 'Edit').click();
  const undo = menu(page, 'Edit').getByTestId('menu-edit.undo');
  await expect(undo).toHaveText(/Undo Rename/);
  await expect(undo).toBeEnabled();
  await undo.click();
  await expect(page.getByTestId('scene-Menu Alpha')).toBeVisible();
  await expect(page.getByTestId('scene-Menu Beta')).toHaveCount(0);
  await expect(menu(page, 'Edit')).toHaveCount(0);

  // Redo names the rename it would bring back; without a selected source the item edits are off.
  await top(page, 'Edit').click();
  await expect(menu(page, 'Edit').getByTestId('menu-edit.redo')).toHaveText(/Redo Rename/);
  await expect(menu(page, 'Edit').getByTestId('menu-edit.delete')).toBeDisabled();
  await expect(menu(page, 'Edit').getByTestId('menu-edit.transform')).toBeDisabled();
  await menu(page, 'Edit').getByTestId('menu-edit.redo').click();
  await expect(page.getByTestId('scene-Menu Beta')).toBeVisible();

  // Undo everything this test did: with nothing left to undo, Undo is disabled.
  while ((await studio.call('history.undo', {})).ok);
  await top(page, 'Edit').click();
  await expect(menu(page, 'Edit').getByTestId('menu-edit.undo')).toBeDisabled();
  await expect(menu(page, 'Edit').getByRole('menuitem', { name: 'Undo', exact: true })).toBeDisabled();
});

test('View hides and shows a dock; File → Settings and Tools → Hotkeys open Settings', async ({ page }) => {
  await open(page);
  const mixer = page.getByRole('region', { name: 'Audio Mixer' });
  await expect(mixer).toBeVisible();

  await top(page, 'View').click();
  await menu(page, 'View').getByRole('menuitem', { name: 'Docks' }).click();
  const toggle = menu(page, 'Docks').getByRole('menuitemcheckbox', { name: 'Audio Mixer' });
  await expect(toggle).toHaveAttribute('aria-checked', 'true');
  await toggle.click();
  await expect(mixer).toBeHidden();

  await top(page, 'View').click();
  await menu(page, 'View').getByRole('menuitem', { name: 'Docks' }).click();
  await expect(menu(page, 'Docks').getByRole('menuitemcheckbox', { name: 'Audio Mixer' })).toHaveAttribute('aria-checked', 'false');
  await menu(page, 'Docks').getByRole('menuitemcheckbox', { name: 'Audio Mixer' }).click();
  await expect(mixer).toBeVisible();

  await top(page, 'File').click();
  await menu(page, 'File').getByRole('menuitem', { name: 'Settings…' }).click();
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
  await expect(page.getByTestId('settings-tab-general')).toHaveAttribute('aria-selected', 'true');
  await page.getByTestId('settings-close').click();
  await expect(page.getByRole('dialog', { name: 'Settings' })).toHaveCount(0);

  await top(page, 'Tools').click();
  await menu(page, 'Tools').getByRole('menuitem', { name: 'Hotkeys…' }).click();
  await expect(page.getByTestId('settings-tab-hotkeys')).toHaveAttribute('aria-selected', 'true');
});

test('the keyboard: Alt+letter opens, arrows move and change menus, Enter chooses, Escape closes', async ({ page }) => {
  await open(page);
  await page.locator('body').press('Alt+v');
  await expect(menu(page, 'View')).toBeVisible();
  // Focus starts on the first item (the Docks submenu); Right opens it, Left comes back.
  const docks = menu(page, 'View').getByRole('menuitem', { name: 'Docks' });
  await expect(docks).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(menu(page, 'Docks').getByRole('menuitemcheckbox', { name: 'Scenes' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu(page, 'Docks').getByRole('menuitemcheckbox', { name: 'Sources' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(docks).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu(page, 'View').getByRole('menuitem', { name: 'Reset layout' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(docks).toBeFocused();
  await page.keyboard.press('ArrowUp');
  // Up from the first wraps to the last.
  await expect(menu(page, 'View').getByRole('menuitemcheckbox', { name: 'Stats graphs' })).toBeFocused();

  // Right outside a submenu goes to the next menu; Escape closes and gives focus back to its name.
  await page.keyboard.press('ArrowRight');
  await expect(menu(page, 'Docks')).toBeVisible();
  await expect(menu(page, 'View')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(menu(page, 'Docks')).toHaveCount(0);
  await expect(top(page, 'Docks')).toBeFocused();

  // On the bar: Left moves between names, Down opens, Enter chooses.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(top(page, 'File')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu(page, 'File').getByRole('menuitem', { name: 'New scene collection…' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(menu(page, 'File').getByRole('menuitem', { name: /recordings folder path/ })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(menu(page, 'File').getByRole('menuitem', { name: 'Settings…' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
  await expect(menu(page, 'File')).toHaveCount(0);
});

test("the status bar's FPS is the compositor's measured rate beside the canvas's set one", async ({ page }) => {
  // A still scene at 24 fps: the compositor draws nothing new once the picture stands, so what it
  // measures can be told apart from the setting.
  await studio.must('video.set', { fpsNumerator: 24, fpsDenominator: 1 });
  const { sceneUuid } = await studio.must('scene.create', { name: 'Still' });
  const card = await studio.must('input.create', { sceneUuid, kind: 'color_source_v3', name: 'Still card', settings: { color: 0xff336699, width: 320, height: 180 } });
  await studio.must('scene.setCurrent', { sceneUuid });
  await open(page);
  const fps = page.getByTestId('stat-canvas-fps');
  const measured = async () => Number((await fps.textContent())?.split(' / ')[0]);
  await expect(fps).toHaveText(/^\d+(\.\d)? \/ 24 fps$/);
  await expect(page.locator('.stat-canvas')).toHaveAttribute('title', /New frames the compositor drew/);
  // Once the picture stands, nothing new is drawn: 0 measured, where the setting says 24.
  await expect(fps).toHaveText('0.0 / 24 fps');

  // Changes on program are drawn, and counted: the measured rate rises above nothing.
  let shade = 0;
  await expect
    .poll(async () => {
      shade = (shade + 1) % 255;
      await studio.must('input.update', { inputUuid: card.inputUuid, settings: { color: 0xff000000 + shade }, overlay: true });
      return measured();
    })
    .toBeGreaterThan(0);
});

test('File → Import OBS scene collection loads it; File → Open switches back', async ({ page }) => {
  await open(page);
  await top(page, 'File').click();
  const chooser = page.waitForEvent('filechooser');
  await menu(page, 'File').getByRole('menuitem', { name: 'Import OBS scene collection…' }).click();
  await (await chooser).setFiles(OBS_FIXTURE);
  await expect(page.getByTestId('obs-import-skipped')).toContainText('Visualizer');
  await expect(page.getByTestId('scene-Main')).toBeVisible();
  await page.keyboard.press('Escape');

  await top(page, 'File').click();
  await menu(page, 'File').getByRole('menuitem', { name: 'Open scene collection' }).click();
  const opened = menu(page, 'Open scene collection');
  await expect(opened.getByRole('menuitemcheckbox', { name: 'Evening Show' })).toHaveAttribute('aria-checked', 'true');
  await opened.getByRole('menuitemcheckbox', { name: 'Untitled' }).click();
  await expect(page.getByTestId('scene-Main')).toHaveCount(0);
  await top(page, 'File').click();
  await menu(page, 'File').getByRole('menuitem', { name: 'Open scene collection' }).click();
  await expect(menu(page, 'Open scene collection').getByRole('menuitemcheckbox', { name: 'Untitled' })).toHaveAttribute('aria-checked', 'true');
});
