/**
 * A problem only the compositor can see reaches people: server mode with its headless Chromium
 * compositor is given a LUT file that is not a LUT and a mask image that does not exist, and each
 * comes back to a studio client as a warning notice naming the file (renderer.warning).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { StudioEvent } from '../../src/shared';
import { connectStudio, type StudioClient } from '../harness/studio-client';
import { startStudioServer, type StudioServer } from '../harness/studio-server';

let server: StudioServer;
let studio: StudioClient;
let color = '';

beforeAll(async () => {
  server = await startStudioServer({ headless: true });
  studio = await connectStudio(server);
  const hello = (await studio.waitFor((e) => e.type === 'document.changed')) as Extract<StudioEvent, { type: 'document.changed' }>;
  const sceneUuid = hello.data.document.currentSceneUuid;
  color = (await studio.must('input.create', { sceneUuid, name: 'Backdrop', kind: 'color_source_v3', settings: { color: 0xff3060c0 } })).inputUuid;
}, 120_000);

afterAll(async () => {
  studio?.close();
  await server?.stop();
});

const notice = (text: string) => (e: StudioEvent): boolean => e.type === 'notice' && e.data.level === 'warning' && e.data.message.includes(text);

it('a LUT file that is not a LUT is named in a warning notice', async () => {
  const lut = path.join(server.dataDir, 'not-a-lut.cube');
  writeFileSync(lut, 'this is a shopping list, not a 3D LUT\n');
  await studio.must('filter.create', { sourceUuid: color, name: 'Look', kind: 'clut_filter', settings: { image_path: lut } });
  const seen = await studio.waitFor(notice('not-a-lut.cube'), 90_000);
  expect(seen).toMatchObject({ data: { level: 'warning', message: expect.stringContaining('LUT') } });
}, 120_000);

it('a mask image that does not exist is named in a warning notice', async () => {
  const missing = path.join(server.dataDir, 'missing-mask.png');
  await studio.must('filter.create', { sourceUuid: color, name: 'Mask', kind: 'mask_filter_v2', settings: { image_path: missing } });
  await studio.waitFor(notice('missing-mask.png'), 90_000);
}, 120_000);
