/**
 * Desktop audio's Device list in the Properties dock, in real Chromium against server mode with a
 * private PulseAudio daemon (test/harness/pulse.ts): the form lists the outputs the engine finds
 * ('media.outputs', from pactl), "Default" first; choosing one saves its monitor source as device_id;
 * an output plugged in later shows when the form opens again, and a chosen one that is unplugged
 * shows as not connected, by name.
 */
import { expect, test, type Page } from '@playwright/test';
import type { StudioDocument } from '../src/shared';
import { startPulse, SPEAKERS, type Pulse } from '../test/harness/pulse';
import { connectStudio, type StudioClient } from '../test/harness/studio-client';
import { startStudioServer, type StudioServer } from '../test/harness/studio-server';

const PHONES = 'studio_phones';

let pulse: Pulse;
let server: StudioServer;
let studio: StudioClient;

test.beforeAll(async () => {
  pulse = await startPulse();
  // The engine's pactl reaches the private daemon through PULSE_SERVER, as the studio's would reach the session's.
  server = await startStudioServer({ env: pulse.env });
  studio = await connectStudio(server);
});

test.afterAll(async () => {
  studio?.close();
  await server?.stop();
  await pulse?.stop();
});

/** The latest document the engine sent. */
function latest(): StudioDocument | null {
  for (let i = studio.events.length - 1; i >= 0; i--) {
    const e = studio.events[i]!;
    if (e.type === 'document.changed') return e.data.document;
  }
  return null;
}

const deviceId = (): unknown => latest()?.inputs.find((i) => i.name === 'Desktop')?.settings['device_id'];

/** Opens the Desktop source's properties afresh (a new page load: the form asks the engine again). */
async function openProperties(page: Page) {
  await page.goto(server.launchUrl);
  await page.getByTestId('source-Desktop').click();
  return page.getByTestId('prop-device_id');
}

test('the Device list holds the outputs, saves a monitor source, and shows an unplugged one as gone', async ({ page }) => {
  const first = await studio.waitFor((e) => e.type === 'document.changed');
  const sceneUuid = first.type === 'document.changed' ? first.data.document.currentSceneUuid : '';
  await studio.must('input.create', { sceneUuid, name: 'Desktop', kind: 'audio_output_capture', settings: {} });
  await expect.poll(deviceId).toBe('default');

  let list = await openProperties(page);
  // The private daemon has one output, the null sink "Speakers".
  await expect(list.locator('option')).toHaveText(['Default', 'Speakers']);
  await expect(list.locator('option:checked')).toHaveText('Default');

  await list.selectOption({ label: 'Speakers' });
  await expect(list.locator('option:checked')).toHaveText('Speakers');
  await expect.poll(deviceId).toBe(`${SPEAKERS}.monitor`);

  // An output plugged in while the studio runs is listed when the form opens again.
  const module = (await pulse.pactl('load-module', 'module-null-sink', `sink_name=${PHONES}`, 'sink_properties=device.description=Headphones')).trim();
  list = await openProperties(page);
  await expect(list.locator('option')).toHaveText(['Default', 'Speakers', 'Headphones']);
  await expect(list.locator('option:checked')).toHaveText('Speakers');
  await list.selectOption({ label: 'Headphones' });
  await expect(list.locator('option:checked')).toHaveText('Headphones');
  await expect.poll(deviceId).toBe(`${PHONES}.monitor`);

  // Unplugged: the choice stays, and the list says that output is not there.
  await pulse.pactl('unload-module', module);
  list = await openProperties(page);
  await expect(list.locator('option')).toHaveText(['Default', 'Speakers', `Not connected (${PHONES}.monitor)`]);
  await expect(list.locator('option:checked')).toHaveText(`Not connected (${PHONES}.monitor)`);
  expect(deviceId()).toBe(`${PHONES}.monitor`);

  // Default is still there to go back to.
  await list.selectOption({ label: 'Default' });
  await expect(list.locator('option:checked')).toHaveText('Default');
  await expect.poll(deviceId).toBe('default');
});
