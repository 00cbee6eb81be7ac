/**
 * Filters in the Properties dock: add one to the selected source, edit it with the form its kind's
 * schema generates, switch it off and remove it — each step checked in the engine's document.
 */
import { expect, test } from '@playwright/test';
import type { Filter } from '../src/shared';
import { connectStudio, type StudioClient } from '../test/harness/studio-client';
import { startStudioServer, type StudioServer } from '../test/harness/studio-server';

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

test('add, edit, switch off and remove a filter from the Properties dock', async ({ page }) => {
  const doc = await studio.waitFor((e) => e.type === 'document.changed');
  const sceneUuid = doc.type === 'document.changed' ? doc.data.document.currentSceneUuid : '';
  const { inputUuid } = await studio.must('input.create', { sceneUuid, name: 'Card', kind: 'color_source_v3', settings: { width: 200, height: 100 } });
  type Doc = { revision: number; inputs: { uuid: string; filters: Filter[] }[] };
  const docOf = (e: { type: string; data?: unknown }): Doc | null => (e.type === 'document.changed' ? (e.data as { document: Doc }).document : null);
  let seen = 0;
  /** Waits for a newer document whose Card filters pass `ok` (the UI's command has been applied). */
  const until = async (ok: (f: Filter[]) => boolean): Promise<Filter[]> => {
    const pick = (e: { type: string; data?: unknown }) => {
      const d = docOf(e);
      const f = d && d.revision > seen ? d.inputs.find((i) => i.uuid === inputUuid)?.filters : undefined;
      return f && ok(f) ? { d: d!, f } : null;
    };
    const hit = pick(await studio.waitFor((e) => pick(e) !== null))!;
    seen = hit.d.revision;
    return hit.f;
  };

  await page.goto(server.launchUrl);
  await page.getByTestId('source-Card').click();
  await page.getByLabel('Filter kind').selectOption('blur_filter');
  await page.getByRole('button', { name: 'Add filter' }).click();
  const added = await until((f) => f.length === 1);
  expect(added).toEqual([expect.objectContaining({ name: 'Blur', kind: 'blur_filter', enabled: true })]);

  await page.getByTestId('prop-radius').fill('3');
  await page.getByTestId('prop-radius').press('Enter');
  await until((f) => f[0]?.settings['radius'] === 3);

  // Typed key by key, a value out of range (0…64) saves nothing, not its in-range start ("64"), and
  // the field goes back to the value in use.
  const radius = page.getByTestId('prop-radius');
  await radius.fill('');
  await radius.pressSequentially('640', { delay: 200 });
  await radius.press('Enter');
  await expect(radius).toHaveValue('3');
  await radius.fill('5');
  await radius.press('Enter');
  await until((f) => f[0]?.settings['radius'] === 5);
  const radii = studio.events.flatMap((e) => docOf(e)?.inputs.find((i) => i.uuid === inputUuid)?.filters[0]?.settings['radius'] ?? []);
  expect(radii.filter((r) => r === 6 || r === 64), 'no start of "640" was ever saved').toEqual([]);

  // Renamed as in OBS (double-click the name); the open settings stay open. A name in use is refused.
  await page.getByTestId('filter-name-Blur').dblclick();
  await page.getByTestId('filter-rename-input').fill('Soft focus');
  await page.getByTestId('filter-rename-input').press('Enter');
  await until((f) => f[0]?.name === 'Soft focus');
  await expect(page.getByTestId('prop-radius')).toHaveValue('5');
  // Renamed elsewhere (obs-websocket, a Stream Deck): it stays open under its new name.
  expect((await studio.call('filter.setName', { sourceUuid: inputUuid, name: 'Soft focus', newName: 'Blur' })).ok).toBe(true);
  await until((f) => f[0]?.name === 'Blur');
  await expect(page.getByTestId('filter-name-Blur')).toBeVisible();
  await expect(page.getByTestId('prop-radius')).toHaveValue('5');

  // A controlled box that follows the engine's state: click, then wait for it to clear.
  await page.getByLabel('Blur on').click();
  await expect(page.getByLabel('Blur on')).not.toBeChecked();
  await until((f) => f[0]?.enabled === false);

  await page.getByLabel('Remove Blur').click();
  expect(await until((f) => f.length === 0)).toEqual([]);

  // Colour correction's colours use no alpha (OBS's colour, not colour-with-alpha): no opacity box,
  // which read 0 % while the colour applied in full.
  await page.getByLabel('Filter kind').selectOption('color_filter_v2');
  await page.getByRole('button', { name: 'Add filter' }).click();
  await until((f) => f.length === 1);
  await expect(page.getByTestId('prop-color_add')).toBeVisible();
  await expect(page.getByTestId('prop-color_add-alpha')).toHaveCount(0);
  await expect(page.getByTestId('prop-color_multiply-alpha')).toHaveCount(0);
});
