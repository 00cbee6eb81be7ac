/**
 * GetCanvasList / SetCanvasSettings against a real Studio (temp data folder): the changes are the
 * engine's canvas.set (the document holds the one copy; undo takes them back), and bad values are
 * refused with an obs-websocket status and a comment naming the field and the range.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Studio } from '../../api';
import { createStudio } from '../../studio';
import { VENDOR_NAME, type RequestContext, type RequestOutcome } from '../types';
import { createRequestRegistry } from './registry';
import { sessionContext } from './test-context';

const RESOURCES = path.resolve(import.meta.dirname, '../../../../resources');

let dir: string;
let studio: Studio;
let ctx: RequestContext;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bs-canvases-'));
  studio = await createStudio({ dataDir: dir, resourcesDir: RESOURCES });
  ctx = sessionContext(studio);
});

afterEach(async () => {
  await studio.dispose();
  await rm(dir, { recursive: true, force: true });
});

async function vendor(requestType: string, requestData?: Record<string, unknown>): Promise<RequestOutcome> {
  const handler = createRequestRegistry({ dataDir: dir }).get('CallVendorRequest')!;
  return handler(ctx, { vendorName: VENDOR_NAME, requestType, ...(requestData && { requestData }) });
}

const reply = (out: RequestOutcome): Record<string, unknown> => out.responseData?.['responseData'] as Record<string, unknown>;

it('lists the main canvas and the vertical one as Settings shows it, and turns the vertical one on with a scene by name', async () => {
  const doc = studio.document();
  const list = reply(await vendor('GetCanvasList'))['canvases'] as Record<string, unknown>[];
  expect(list).toEqual([
    expect.objectContaining({ canvasUuid: 'main', main: true, enabled: true, baseWidth: doc.video.baseWidth, baseHeight: doc.video.baseHeight, fpsNumerator: doc.video.fpsNumerator }),
    { canvasUuid: 'vertical', canvasName: 'Vertical', main: false, enabled: false, baseWidth: 1080, baseHeight: 1920, fpsNumerator: doc.video.fpsNumerator, fpsDenominator: doc.video.fpsDenominator, sceneName: null, sceneUuid: null, bitrateKbps: null },
  ]);
  expect(list[0]!['sceneUuid']).toBe(doc.currentSceneUuid);

  const created = await studio.execute('scene.create', { name: 'Shorts' });
  if (!created.ok) throw new Error(created.error.message);
  const set = await vendor('SetCanvasSettings', { canvasUuid: 'vertical', enabled: true, baseWidth: 720, baseHeight: 1280, sceneName: 'Shorts', bitrateKbps: 2500 });
  expect(set.requestStatus).toEqual({ result: true, code: 100 });
  expect(reply(set)).toMatchObject({ canvasUuid: 'vertical', enabled: true, baseWidth: 720, baseHeight: 1280, sceneName: 'Shorts', sceneUuid: created.value.sceneUuid, bitrateKbps: 2500 });
  // One copy of the state: the document's canvas, as the UI's canvas.set leaves it.
  expect(studio.document().canvases).toEqual([
    { id: 'vertical', name: 'Vertical', width: 720, height: 1280, enabled: true, programSceneUuid: created.value.sceneUuid, bitrateKbps: 2500 },
  ]);

  // By name too; and undo takes a change back as any collection edit.
  expect((await vendor('SetCanvasSettings', { canvasName: 'Vertical', enabled: false })).requestStatus.result).toBe(true);
  expect(studio.document().canvases?.[0]?.enabled).toBe(false);
  const undone = await studio.execute('history.undo', {});
  expect(undone.ok).toBe(true);
  expect(studio.document().canvases?.[0]?.enabled).toBe(true);
});

it('a change to the vertical canvas before it was ever turned on leaves it off, as GetCanvasList listed it', async () => {
  const set = await vendor('SetCanvasSettings', { canvasUuid: 'vertical', bitrateKbps: 3000 });
  expect(reply(set)).toMatchObject({ canvasUuid: 'vertical', enabled: false, bitrateKbps: 3000 });
  expect(studio.document().canvases).toMatchObject([{ id: 'vertical', enabled: false, bitrateKbps: 3000 }]);
});

it.each([
  [{ canvasUuid: 'vertical', baseWidth: 722 }, 400, /width.*multiple of 4/i],
  [{ canvasUuid: 'vertical', baseHeight: 1281 }, 400, /height.*even/i],
  [{ canvasUuid: 'vertical', baseWidth: 10 }, 402, /`baseWidth` is below the minimum/],
  [{ canvasUuid: 'vertical', baseHeight: 99_999 }, 402, /`baseHeight` is above the maximum/],
  [{ canvasUuid: 'vertical', bitrateKbps: 50 }, 402, /`bitrateKbps` is below the minimum of `200/],
  [{ canvasUuid: 'vertical', enabled: 'yes' }, 401, /`enabled` must be boolean/],
  [{ canvasUuid: 'vertical', sceneName: 'Nope' }, 600, /No source was found by the name of `Nope`/],
  [{ canvasUuid: 'square' }, 600, /No canvas was found by the UUID of `square`; the canvases are `vertical`/],
  [{ canvasUuid: 'main', enabled: false }, 606, /SetVideoSettings/],
  [{ enabled: true }, 300, /`canvasName` or `canvasUuid`/],
])('refuses %j with %i and the field named', async (data, code, comment) => {
  const out = await vendor('SetCanvasSettings', data);
  expect(out.requestStatus).toMatchObject({ result: false, code });
  expect(out.requestStatus.comment).toMatch(comment);
  expect(studio.document().canvases ?? []).toEqual([]);
});
