/**
 * Real meters end to end inside the engine: renderer sessions report renderer.audioLevels, the hub
 * keeps only the output owner's, the studio forgets them after 500 ms (fake clock), and
 * InputVolumeMeters lists every input with audio, measured or silent.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Status, type Result } from '../../shared';
import type { Studio } from '../api';
import { createStudio } from '../studio';
import { FakeClock } from '../testing/fake-clock';
import { RendererSessions } from '../testing/renderer-sessions';
import { METER_INTERVAL_MS, createRemoteEventSource } from './events';
import { EventSubscription, type RemoteEvent, type RemoteEventSource } from './types';

const RESOURCES = path.resolve(import.meta.dirname, '../../../resources');
const SILENT = [
  [0, 0, 0],
  [0, 0, 0],
];
const LOUD = [
  [0.04, 0.06, 0.06],
  [0.04, 0.06, 0.06],
];

let dir: string;
let studio: Studio;
let clock: FakeClock;
let source: RemoteEventSource;
let meters: RemoteEvent[];
const renderers = new RendererSessions(() => studio);

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bs-remote-meters-'));
  clock = new FakeClock();
  studio = await createStudio({ dataDir: dir, resourcesDir: RESOURCES, clock });
  source = createRemoteEventSource(studio, clock);
  meters = [];
  source.subscribe((e) => {
    if (e.eventType === 'InputVolumeMeters') meters.push(e);
  });
});

afterEach(async () => {
  source.dispose();
  renderers.disposeAll();
  await studio.dispose();
  await rm(dir, { recursive: true, force: true });
});

async function addTone(name: string): Promise<string> {
  const r = (await studio.execute('input.create', { sceneUuid: studio.document().currentSceneUuid, name, kind: 'audio_test_tone' })) as Result<{ inputUuid: string }>;
  if (!r.ok) throw new Error(r.error.message);
  return r.value.inputUuid;
}

/** The inputs of the next InputVolumeMeters beat. */
function beat(): unknown {
  meters = [];
  clock.advance(METER_INTERVAL_MS);
  expect(meters).toHaveLength(1);
  expect(meters[0]).toMatchObject({ eventType: 'InputVolumeMeters', eventIntent: EventSubscription.InputVolumeMeters });
  return (meters[0]!.eventData as { inputs: unknown }).inputs;
}

it('lists every input with audio, silent until the output owner measures it, and silent again once stale', async () => {
  const tone = await addTone('Tone');
  const quiet = await addTone('Quiet');
  const owner = await renderers.claim('primary');
  const other = await renderers.claim('secondary');
  // Video inputs are not listed; audio inputs read as silent stereo before any report.
  expect(beat()).toEqual([
    { inputName: 'Tone', inputUuid: tone, inputLevelsMul: SILENT },
    { inputName: 'Quiet', inputUuid: quiet, inputLevelsMul: SILENT },
  ]);

  // Only the owner's report counts; the other renderer is told so (kept: false).
  expect(await other.call('renderer.audioLevels', { levels: [{ inputUuid: quiet, levelsMul: LOUD }] })).toEqual({ ok: true, value: { kept: false } });
  expect(await owner.call('renderer.audioLevels', { levels: [{ inputUuid: tone, levelsMul: LOUD }] })).toEqual({ ok: true, value: { kept: true } });
  expect(beat()).toEqual([
    { inputName: 'Tone', inputUuid: tone, inputLevelsMul: LOUD },
    { inputName: 'Quiet', inputUuid: quiet, inputLevelsMul: SILENT },
  ]);

  // A report older than 500 ms counts as absent (a renderer that stalled or left).
  clock.advance(500);
  expect(beat()).toEqual([
    { inputName: 'Tone', inputUuid: tone, inputLevelsMul: SILENT },
    { inputName: 'Quiet', inputUuid: quiet, inputLevelsMul: SILENT },
  ]);

  // The last report of a renderer whose voices stopped is empty: silence at once.
  await owner.call('renderer.audioLevels', { levels: [{ inputUuid: tone, levelsMul: LOUD }] });
  await owner.call('renderer.audioLevels', { levels: [] });
  expect(beat()).toEqual([
    { inputName: 'Tone', inputUuid: tone, inputLevelsMul: SILENT },
    { inputName: 'Quiet', inputUuid: quiet, inputLevelsMul: SILENT },
  ]);
});

it('refuses malformed reports, and the command outside a renderer session', async () => {
  const owner = await renderers.claim('primary');
  for (const args of [
    null,
    {},
    { levels: 'x' },
    { levels: [{ inputUuid: '', levelsMul: LOUD }] },
    { levels: [{ inputUuid: 'a', levelsMul: [[0.1, 0.2]] }] },
    { levels: [{ inputUuid: 'a', levelsMul: [[0.1, -1, 0.2]] }] },
    { levels: [{ inputUuid: 'a', levelsMul: [[0.1, Number.NaN, 0.2]] }] },
    { levels: [{ inputUuid: 'a', levelsMul: Array.from({ length: 9 }, () => [0, 0, 0]) }] },
  ]) {
    const r = await owner.call('renderer.audioLevels', args);
    expect(r.ok, JSON.stringify(args)).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(Status.InvalidRequestField);
  }
  expect(studio.audioLevels()).toEqual([]);
  expect((await studio.execute('renderer.audioLevels', { levels: [] })).ok).toBe(false);
});
