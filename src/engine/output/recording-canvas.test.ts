/**
 * Which canvas a recording writes (RecordingSettings.canvas): the setting is checked through the
 * engine's commands on a real Studio (temp data folder), saved in the profile, and a start on a
 * canvas that is off or gone is refused with the reason (the file itself: test/integration/vertical-canvas.test.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Studio } from '../api';
import { COMMAND_SCHEMAS, recordingSettingsSchema } from '../document/schemas';
import { createStudio } from '../studio';
import { recordedCanvas } from './recording-control';

const RESOURCES = path.resolve(import.meta.dirname, '../../../resources');

let dir: string;
let studio: Studio;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bs-rec-canvas-'));
  studio = await createStudio({ dataDir: dir, resourcesDir: RESOURCES });
});

afterEach(async () => {
  await studio.dispose();
  await rm(dir, { recursive: true, force: true });
});

it('records the main canvas by default; profiles from before the field load unchanged', () => {
  expect(studio.document().output.recording.canvas).toBeUndefined();
  expect(recordedCanvas(studio.document())).toEqual({ ok: true, value: undefined });
  const old = { folder: '', format: 'mkv', filenamePattern: 'show', remuxToMp4: false, minFreeMb: 500, tracks: [1] };
  expect(recordingSettingsSchema.parse(old).canvas).toBeUndefined();
  expect(recordingSettingsSchema.parse({ ...old, canvas: 'vertical' }).canvas).toBe('vertical');
});

it('takes an existing canvas, refuses an unknown or malformed one naming the field, and refuses to record a canvas that is off', async () => {
  const unknown = await studio.execute('output.setRecording', { canvas: 'vertical' });
  expect(unknown.ok).toBe(false);
  expect(!unknown.ok && unknown.error).toMatchObject({ code: 600, field: 'canvas' });
  expect(!unknown.ok && unknown.error.message).toMatch(/no canvas "vertical"; the canvases are main/);
  const bad = COMMAND_SCHEMAS['output.setRecording'].safeParse({ canvas: 'Vertical Canvas!' });
  expect(bad.error?.issues[0]?.path[0]).toBe('canvas');
  expect(bad.error?.issues[0]?.message).toMatch(/"main" or an extra canvas's id/);

  expect((await studio.execute('canvas.set', { id: 'vertical', width: 360, height: 640, enabled: false })).ok).toBe(true);
  expect((await studio.execute('output.setRecording', { canvas: 'vertical' })).ok).toBe(true);
  expect(studio.document().output.recording.canvas).toBe('vertical');
  const off = recordedCanvas(studio.document());
  expect(!off.ok && off.error).toMatchObject({ code: 604, field: 'canvas' });
  expect(!off.ok && off.error.message).toMatch(/canvas "Vertical" is off: turn it on in Settings → Video/);
  const refused = await studio.execute('record.start', {});
  expect(!refused.ok && refused.error.message).toMatch(/canvas "Vertical" is off/);

  expect((await studio.execute('canvas.set', { id: 'vertical', enabled: true })).ok).toBe(true);
  expect(recordedCanvas(studio.document())).toEqual({ ok: true, value: 'vertical' });
  // Removing the canvas leaves a setting that names nothing: the start says which canvases there are.
  expect((await studio.execute('canvas.remove', { id: 'vertical' })).ok).toBe(true);
  const gone = recordedCanvas(studio.document());
  expect(!gone.ok && gone.error).toMatchObject({ code: 600, field: 'canvas' });
  expect(!gone.ok && gone.error.message).toMatch(/not in this scene collection \(the canvases are main\)/);
});
