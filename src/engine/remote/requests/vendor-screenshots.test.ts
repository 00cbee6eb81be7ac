/**
 * GetPeriodicScreenshots / SetPeriodicScreenshots against a real Studio (temp data folder): the
 * setting lands in the profile, survives a restart, and bad values are refused with the field named.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
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
  dir = await mkdtemp(path.join(tmpdir(), 'bs-shots-'));
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

it('answers the settings with the folder in use, turns them on, and keeps them in the profile', async () => {
  const before = await vendor('GetPeriodicScreenshots');
  expect(before.responseData?.['responseData']).toEqual({
    enabled: false,
    intervalSec: 10,
    folder: path.join(dir, 'screenshots'),
    format: 'jpeg',
    maxWidth: 1280,
    keep: 360,
    active: false,
    saved: 0,
    failed: 0,
    lastFile: null,
    lastError: null,
  });
  const shots = path.join(dir, 'my-shots');
  const set = await vendor('SetPeriodicScreenshots', { enabled: true, intervalSec: 5, folder: shots, format: 'png', keep: 20 });
  expect(set.requestStatus).toEqual({ result: true, code: 100 });
  expect(set.responseData?.['responseData']).toMatchObject({ enabled: true, intervalSec: 5, folder: shots, format: 'png', keep: 20, active: true });

  await studio.dispose();
  const saved = JSON.parse(await readFile(path.join(dir, 'profile.json'), 'utf8')) as { output: { screenshots: unknown } };
  expect(saved.output.screenshots).toEqual({ enabled: true, intervalSec: 5, folder: shots, format: 'png', maxWidth: 1280, keep: 20 });
  studio = await createStudio({ dataDir: dir, resourcesDir: RESOURCES });
  ctx.studio = studio;
  expect((await vendor('GetPeriodicScreenshots')).responseData?.['responseData']).toMatchObject({ enabled: true, active: true, folder: shots });
});

it.each([
  [{ intervalSec: 0 }, /intervalSec/],
  [{ intervalSec: 3601 }, /intervalSec/],
  [{ keep: 0 }, /keep/],
  [{ folder: 'relative/shots' }, /absolute folder/],
  [{ format: 'gif' }, /"png" or "jpeg"/],
  [{ enabled: 'yes' }, /enabled/],
])('refuses %j with a message naming the field', async (data, message) => {
  const out = await vendor('SetPeriodicScreenshots', data);
  expect(out.requestStatus.result).toBe(false);
  expect(out.requestStatus.comment).toMatch(message);
  expect(studio.document().output.screenshots.enabled).toBe(false);
});
