/**
 * Settings → Remote control in Chromium against server mode: the obs-websocket address and the
 * web-remote page are shown, the password is hidden until revealed and matches the one given to the
 * server, and a server bound to every network address says so in a warning that a loopback one does
 * not show.
 */
import { test, expect, type Page } from '@playwright/test';
import { startStudioServer, type StudioServer } from '../test/harness/studio-server';

const PASSWORD = 'e2e-remote-settings-password';
let exposed: StudioServer;
let local: StudioServer;

test.beforeAll(async () => {
  [exposed, local] = await Promise.all([
    startStudioServer({ args: ['--ws-bind', '0.0.0.0'], env: { STUDIO_WS_PASSWORD: PASSWORD } }),
    startStudioServer(),
  ]);
});

test.afterAll(async () => {
  await Promise.all([exposed?.stop(), local?.stop()]);
});

async function openRemoteSettings(page: Page, server: StudioServer): Promise<void> {
  await page.goto(server.launchUrl);
  await page.getByTestId('settings-open').click();
  await page.getByTestId('settings-tab-remote').click();
  await expect(page.getByTestId('remote-settings')).toBeVisible();
  await expect(page.getByTestId('remote-state')).toBeVisible();
}

test('an exposed server is shown with its address, its password on request, and a warning', async ({ page }) => {
  await openRemoteSettings(page, exposed);
  await expect(page.getByTestId('remote-url')).toHaveValue(/^ws:\/\/0\.0\.0\.0:\d+$/);
  await expect(page.getByTestId('remote-page')).toHaveValue(/^http:\/\/0\.0\.0\.0:\d+\/remote\/$/);
  const password = page.getByTestId('remote-password');
  await expect(password).toHaveAttribute('type', 'password');
  await page.getByTestId('remote-password-reveal').click();
  await expect(password).toHaveAttribute('type', 'text');
  await expect(password).toHaveValue(PASSWORD);
  const warning = page.getByTestId('remote-exposed');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('Reachable from the network');
  await expect(warning).toContainText('--ws-bind 127.0.0.1');
});

test('a loopback server shows no network warning', async ({ page }) => {
  await openRemoteSettings(page, local);
  await expect(page.getByTestId('remote-url')).toHaveValue(/^ws:\/\/127\.0\.0\.1:\d+$/);
  await expect(page.getByTestId('remote-password')).toHaveAttribute('type', 'password');
  await expect(page.getByTestId('remote-exposed')).toHaveCount(0);
});

test('wss:// and allowed web pages are set here; a bad origin is refused beside its field', async ({ page }) => {
  await openRemoteSettings(page, local);
  const origins = page.getByTestId('remote-origins');
  await origins.fill('https://deck.example/page');
  await origins.blur();
  await expect(page.getByTestId('remote-origins-error')).toContainText('web origin');
  await origins.fill('https://deck.example');
  await origins.blur();
  await expect(page.getByTestId('remote-origins-error')).toHaveCount(0);

  // The box follows the saved setting, which arrives after the engine has answered: click, then wait
  // for it to show checked (Playwright's check() fails when the state lags the click).
  const tls = page.getByTestId('remote-tls');
  await tls.click();
  await expect(tls).toBeChecked();
  // The server restarts on wss://: reopening Settings shows the new address.
  await page.getByTestId('settings-close').click();
  await expect
    .poll(async () => {
      await openRemoteSettings(page, local);
      const value = await page.getByTestId('remote-url').inputValue();
      await page.getByTestId('settings-close').click();
      return value;
    }, { timeout: 30_000 })
    .toMatch(/^wss:\/\/127\.0\.0\.1:\d+$/);
});
