/**
 * The destination editor's signed-URL and viewer-count fields, the Output tab's replay buffer, and
 * encoder choices limited by what the destinations can carry, in Chromium against server mode: each
 * field saves (checked in the engine's own document), comes back after a reload, and a value the
 * engine would refuse is refused beside its field. The signing key never reaches the page again
 * once saved: not in the DOM, not in any input, not in what the engine sent.
 */
import { expect, test, type Page } from '@playwright/test';
import type { StudioDocument, StudioEvent } from '../src/shared';
import { startStudioServer, type StudioServer } from '../test/harness/studio-server';
import { connectStudio, type StudioClient } from '../test/harness/studio-client';

const SECRET = 'e2e-signing-private-key-7f3a';
const AUDIENCE_URL = 'http://127.0.0.1:9/stats.json';

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

/** The newest document the engine announced. */
function latest(): StudioDocument | undefined {
  const changed = studio.events.filter((e): e is Extract<StudioEvent, { type: 'document.changed' }> => e.type === 'document.changed');
  return changed.at(-1)?.data.document;
}

async function openSettings(page: Page, tab: string): Promise<void> {
  await page.goto(server.launchUrl);
  await expect(page.getByTestId('preview-canvas')).toBeVisible();
  await page.getByTestId('settings-open').click();
  await page.getByTestId(`settings-tab-${tab}`).click();
}

/** Everything the page holds: its markup and every input's live value (not always an attribute). */
async function pageText(page: Page): Promise<string> {
  const values = await page.locator('input, textarea').evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value));
  return `${await page.content()}\n${values.join('\n')}`;
}

test('signed URL, viewer count, replay buffer and codec limits save, reload, and are refused beside the field', async ({ page }, testInfo) => {
  await openSettings(page, 'stream');
  await page.getByTestId('dest-preset-new').selectOption('twitch');
  await page.getByTestId('settings-key').fill('live_e2e_key');
  await page.getByTestId('settings-key').press('Enter');
  await expect.poll(() => latest()?.destinations.map((d) => [d.name, d.hasKey, d.signing, d.audience])).toEqual([['Twitch', true, null, null]]);

  // Encoders: HEVC cannot go to an RTMP destination, so it is offered disabled, naming it; H.264 is not.
  await page.getByTestId('settings-tab-output').click();
  const hevc = page.getByTestId('settings-encoder').locator('option[value="hevc_nvenc"]');
  await expect(hevc).toBeDisabled();
  await expect(hevc).toHaveAttribute('data-blocked', 'HEVC: not carried by RTMP destination “Twitch”');
  await expect(hevc).toContainText('HEVC: not carried by RTMP destination “Twitch”');
  await expect(page.getByTestId('settings-encoder').locator('option[value="libx264"]')).toBeEnabled();

  // Signed URL: a scheme without its key is refused beside the key; nothing is saved.
  await page.getByTestId('settings-tab-stream').click();
  await page.getByTestId('dest-sign-scheme-Twitch').selectOption('auth_key');
  await expect(page.getByTestId('dest-sign-key-error-Twitch')).toHaveText('Enter the private key the server signs with: the URL cannot be signed without it.');
  // An offset past a day is refused beside the offset, with the range.
  await page.getByTestId('dest-sign-offset-Twitch').fill('90000');
  await page.getByTestId('dest-sign-offset-Twitch').press('Enter');
  await expect(page.getByTestId('dest-sign-offset-error-Twitch')).toHaveText('Offset must be a whole number of seconds from -86400 to 86400.');
  await expect(page.getByTestId('settings-tab-stream')).toHaveAttribute('data-errors', 'true');
  expect(latest()?.destinations[0]?.signing).toBeNull();
  // Key and a good offset: saved; the page forgets the key and only says one is saved.
  await page.getByTestId('dest-sign-key-Twitch').fill(SECRET);
  await page.getByTestId('dest-sign-offset-Twitch').fill('300');
  await page.getByTestId('dest-sign-offset-Twitch').press('Enter');
  await expect.poll(() => latest()?.destinations[0]?.signing).toEqual({ scheme: 'auth_key', offsetSeconds: 300, hasSigningKey: true });
  await expect(page.getByTestId('dest-sign-key-Twitch')).toHaveValue('');
  await expect(page.getByTestId('dest-sign-key-Twitch')).toHaveAttribute('placeholder', '•••• saved');
  await expect(page.getByTestId('dest-sign-key-error-Twitch')).toHaveCount(0);
  await expect(page.getByTestId('dest-sign-offset-error-Twitch')).toHaveCount(0);
  expect(await pageText(page)).not.toContain(SECRET);

  // Viewer count from a JSON URL: http(s) only, and the field path is required, each beside its field.
  await page.getByTestId('dest-audience-kind-Twitch').selectOption('json');
  await page.getByTestId('dest-audience-url-Twitch').fill('ftp://127.0.0.1/stats.json');
  await page.getByTestId('dest-audience-url-Twitch').press('Enter');
  await expect(page.getByTestId('dest-audience-url-error-Twitch')).toHaveText('Audience URL must be an http:// or https:// address.');
  await expect(page.getByTestId('dest-audience-path-error-Twitch')).toContainText('Field path must name the number in the answer');
  await page.getByTestId('dest-audience-url-Twitch').fill(AUDIENCE_URL);
  await page.getByTestId('dest-audience-url-Twitch').press('Enter');
  await expect(page.getByTestId('dest-audience-url-error-Twitch')).toHaveCount(0);
  await expect(page.getByTestId('dest-audience-path-error-Twitch')).toBeVisible();
  expect(latest()?.destinations[0]?.audience).toBeNull();
  await page.getByTestId('dest-audience-path-Twitch').fill('data.viewers');
  await page.getByTestId('dest-audience-path-Twitch').press('Enter');
  await expect.poll(() => latest()?.destinations[0]?.audience).toEqual({ kind: 'json', url: AUDIENCE_URL, path: 'data.viewers' });
  await expect(page.getByTestId('dest-audience-path-error-Twitch')).toHaveCount(0);
  await page.getByTestId('dest-row-Twitch').screenshot({ path: testInfo.outputPath('destination-fields.png') });

  // Replay buffer: OBS's range for the length, memory cap, and where replays go.
  await page.getByTestId('settings-tab-output').click();
  const seconds = page.getByTestId('settings-replay-seconds');
  await expect(seconds).toHaveValue('20');
  await expect(page.getByTestId('settings-replay-folder')).toContainText('recording folder');
  await seconds.fill('30000');
  await seconds.press('Enter');
  await expect(page.getByTestId('settings-replay').getByRole('alert')).toHaveText('Replay length must be a whole number of seconds from 1 to 21600.');
  await expect(seconds).toHaveAttribute('aria-invalid', 'true');
  await seconds.fill('45');
  await seconds.press('Enter');
  await page.getByTestId('settings-replay-mb').fill('256');
  await page.getByTestId('settings-replay-mb').press('Enter');
  await expect.poll(() => latest()?.output.recording).toMatchObject({ replayMaxSeconds: 45, replayMaxMb: 256 });
  await expect(page.getByTestId('settings-replay').getByRole('alert')).toHaveCount(0);

  // A reload reads every field back from the engine; the key is still only "saved".
  await openSettings(page, 'stream');
  await expect(page.getByTestId('dest-sign-scheme-Twitch')).toHaveValue('auth_key');
  await expect(page.getByTestId('dest-sign-offset-Twitch')).toHaveValue('300');
  await expect(page.getByTestId('dest-sign-key-Twitch')).toHaveValue('');
  await expect(page.getByTestId('dest-sign-key-Twitch')).toHaveAttribute('placeholder', '•••• saved');
  await expect(page.getByTestId('dest-audience-kind-Twitch')).toHaveValue('json');
  await expect(page.getByTestId('dest-audience-url-Twitch')).toHaveValue(AUDIENCE_URL);
  await expect(page.getByTestId('dest-audience-path-Twitch')).toHaveValue('data.viewers');
  expect(await pageText(page)).not.toContain(SECRET);
  // The saved key is kept when only the offset changes (it is sent only when typed).
  await page.getByTestId('dest-sign-offset-Twitch').fill('-60');
  await page.getByTestId('dest-sign-offset-Twitch').press('Enter');
  await expect.poll(() => latest()?.destinations[0]?.signing).toEqual({ scheme: 'auth_key', offsetSeconds: -60, hasSigningKey: true });
  await page.getByTestId('settings-tab-output').click();
  await expect(page.getByTestId('settings-replay-seconds')).toHaveValue('45');
  await expect(page.getByTestId('settings-replay-mb')).toHaveValue('256');

  // Nothing the engine sent this session carried the key.
  expect(JSON.stringify(studio.events)).not.toContain(SECRET);
  expect(server.output()).not.toContain(SECRET);
});

test('HEVC is offered once every enabled destination is SRT', async ({ page }) => {
  // Whatever an earlier test left is disabled; an SRT destination carries MPEG-TS, which takes HEVC.
  for (const d of latest()?.destinations ?? []) await studio.must('destination.upsert', { id: d.id, enabled: false });
  await studio.must('destination.upsert', { name: 'Relay', server: 'srt://127.0.0.1:9000?streamid=e2e', enabled: true });
  await openSettings(page, 'output');
  const hevc = page.getByTestId('settings-encoder').locator('option[value="hevc_nvenc"]');
  await expect(hevc).toBeEnabled();
  await expect(hevc).not.toHaveAttribute('data-blocked');
  // An enabled RTMP destination takes HEVC away again, named.
  await studio.must('destination.upsert', { name: 'Backup', server: 'rtmp://127.0.0.1:1935/live', key: 'backup-key', enabled: true });
  await expect(hevc).toBeDisabled();
  await expect(hevc).toHaveAttribute('data-blocked', 'HEVC: not carried by RTMP destination “Backup”');
});
