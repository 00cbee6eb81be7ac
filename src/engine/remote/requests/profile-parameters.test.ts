/**
 * GetProfileParameter / SetProfileParameter against a real Studio (temp data folder): each OBS key
 * reads the document and writes through the engine's own commands (so the document changes, its
 * event goes out and the profile is saved), bad values are refused naming the key and its range,
 * and unknown keys answer as OBS does.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StudioEvent } from '../../../shared';
import type { Studio } from '../../api';
import { createStudio } from '../../studio';
import { type RequestContext, type RequestOutcome, type RequestRegistry } from '../types';
import { FPS_COMMON, PROFILE_PARAMETERS, maskToTracks, tracksToMask } from './profile-parameters';
import { createRequestRegistry } from './registry';
import { sessionContext } from './test-context';
import { Code } from './status';

const RESOURCES = path.resolve(import.meta.dirname, '../../../../resources');
const KEY = 'live_sk_profile_params_91c2';

let dir: string;
let studio: Studio;
let registry: RequestRegistry;
let ctx: RequestContext;
let events: StudioEvent[];

async function open(): Promise<void> {
  studio = await createStudio({ dataDir: dir, resourcesDir: RESOURCES });
  events = [];
  studio.subscribe((e) => events.push(e));
  ctx = sessionContext(studio, 40);
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bs-profile-params-'));
  registry = createRequestRegistry({ dataDir: dir });
  await open();
});

afterEach(async () => {
  await studio.dispose();
  await rm(dir, { recursive: true, force: true });
});

async function call(type: string, data?: unknown): Promise<RequestOutcome> {
  return registry.get(type)!(ctx, data as Record<string, unknown> | undefined);
}

async function get(parameterCategory: string, parameterName: string) {
  const out = await call('GetProfileParameter', { parameterCategory, parameterName });
  expect(out.requestStatus, out.requestStatus.comment).toEqual({ result: true, code: 100 });
  return out.responseData as { parameterValue: string | null; defaultParameterValue: string | null };
}

async function set(parameterCategory: string, parameterName: string, parameterValue: unknown): Promise<void> {
  const out = await call('SetProfileParameter', { parameterCategory, parameterName, parameterValue });
  expect(out.requestStatus, out.requestStatus.comment).toEqual({ result: true, code: 100 });
}

async function refused(parameterCategory: string, parameterName: string, parameterValue: unknown, code: number): Promise<string> {
  const out = await call('SetProfileParameter', { parameterCategory, parameterName, parameterValue });
  expect(out.requestStatus.result, `${parameterCategory}/${parameterName}=${String(parameterValue)} should fail`).toBe(false);
  expect(out.requestStatus.code, out.requestStatus.comment).toBe(code);
  return out.requestStatus.comment ?? '';
}

const doc = () => studio.document();

describe('the RecTracks bitmask', () => {
  it('is bit 0 for track 1, both ways', () => {
    expect(tracksToMask([1])).toBe(1);
    expect(tracksToMask([1, 3])).toBe(5);
    expect(tracksToMask([1, 2, 3, 4, 5, 6])).toBe(63);
    expect(maskToTracks(5)).toEqual([1, 3]);
    expect(maskToTracks(32)).toEqual([6]);
  });
});

describe('GetProfileParameter / SetProfileParameter', () => {
  it('are advertised', () => {
    expect(registry.list()).toEqual(expect.arrayContaining(['GetProfileParameter', 'SetProfileParameter']));
  });

  it('read every key from the document, with the defaults of a new profile', async () => {
    expect(await get('Video', 'BaseCX')).toEqual({ parameterValue: String(doc().video.baseWidth), defaultParameterValue: '1280' });
    expect(await get('Video', 'FPSNum')).toEqual({ parameterValue: String(doc().video.fpsNumerator), defaultParameterValue: '30' });
    expect(await get('Output', 'Mode')).toEqual({ parameterValue: 'Advanced', defaultParameterValue: 'Advanced' });
    expect(await get('AdvOut', 'RecTracks')).toEqual({ parameterValue: '1', defaultParameterValue: '1' });
    expect(await get('AdvOut', 'RecFilePath')).toEqual({ parameterValue: path.join(dir, 'recordings'), defaultParameterValue: path.join(dir, 'recordings') });
    expect(await get('SimpleOutput', 'ABitrate')).toEqual({ parameterValue: String(doc().output.encoder.audioBitrateKbps), defaultParameterValue: '160' });
    // No destination yet: no stream track to report.
    expect(await get('AdvOut', 'TrackIndex')).toEqual({ parameterValue: null, defaultParameterValue: '1' });
    for (const key of Object.keys(PROFILE_PARAMETERS)) {
      const [category, name] = key.split('/') as [string, string];
      expect((await get(category, name)).defaultParameterValue, key).toBeTypeOf('string');
    }
  });

  it('answer unknown keys with nulls, as OBS does, and never a stream key', async () => {
    await studio.execute('destination.upsert', { server: 'rtmp://127.0.0.1/live', key: KEY });
    for (const [category, name] of [['Stream1', 'Key'], ['Stream1', 'key'], ['Video', 'basecx'], ['Nope', 'Nothing'], ['AdvOut', 'StreamKey']]) {
      expect(await get(category!, name!)).toEqual({ parameterValue: null, defaultParameterValue: null });
    }
    const all = await Promise.all(Object.keys(PROFILE_PARAMETERS).map((k) => get(...(k.split('/') as [string, string]))));
    expect(JSON.stringify(all)).not.toContain(KEY);
  });

  it('set the canvas and output size through video.set: the document changes, its event goes out, and the profile keeps it', async () => {
    await set('Video', 'BaseCX', '1920');
    await set('Video', 'BaseCY', '1080');
    expect(doc().video).toMatchObject({ baseWidth: 1920, baseHeight: 1080 });
    expect(events.some((e) => e.type === 'video.changed')).toBe(true);
    await set('Video', 'OutputCX', '1280');
    await set('Video', 'OutputCY', '720');
    expect(await get('Video', 'OutputCY')).toMatchObject({ parameterValue: '720' });

    await studio.dispose();
    await open();
    expect(doc().video).toMatchObject({ baseWidth: 1920, baseHeight: 1080, outputWidth: 1280, outputHeight: 720 });
    expect(await get('Video', 'BaseCX')).toMatchObject({ parameterValue: '1920' });
  });

  it('refuse bad sizes naming the key and the range, and leave the document alone', async () => {
    const before = doc().video;
    expect(await refused('Video', 'BaseCX', '-5', Code.RequestFieldOutOfRange)).toMatch(/^Video\/BaseCX must be a size in pixels from 64 to 4096, a multiple of 4; -5 is out of range\.$/);
    expect(await refused('Video', 'BaseCY', 'tall', Code.InvalidRequestField)).toMatch(/^Video\/BaseCY must be a size in pixels from 64 to 4096, even; "tall" is not a whole number\.$/);
    expect(await refused('Video', 'OutputCX', '1e3', Code.InvalidRequestField)).toMatch(/OutputCX/);
    // The document's own rule (the GPU packs four pixels), passed on with the key's name.
    expect(await refused('Video', 'BaseCX', '1282', Code.InvalidRequestField)).toMatch(/^Video\/BaseCX: baseWidth must be a multiple of 4/);
    expect(await refused('Video', 'BaseCX', 1920, Code.InvalidRequestFieldType)).toBe('The field `parameterValue` must be a string.');
    expect(doc().video).toEqual(before);
  });

  it('read and set the frame rate in each of OBS\'s forms', async () => {
    await set('Video', 'FPSCommon', '59.94');
    expect(doc().video).toMatchObject({ fpsNumerator: 60000, fpsDenominator: 1001 });
    expect(await get('Video', 'FPSType')).toMatchObject({ parameterValue: '0' });
    expect(await get('Video', 'FPSCommon')).toMatchObject({ parameterValue: '59.94' });
    expect(await get('Video', 'FPSInt')).toMatchObject({ parameterValue: null });
    expect(await get('Video', 'FPSNum')).toMatchObject({ parameterValue: '60000' });
    expect(await get('Video', 'FPSDen')).toMatchObject({ parameterValue: '1001' });

    await set('Video', 'FPSInt', '24');
    expect(doc().video).toMatchObject({ fpsNumerator: 24, fpsDenominator: 1 });
    expect(await get('Video', 'FPSType')).toMatchObject({ parameterValue: '1' });
    expect(await get('Video', 'FPSCommon')).toMatchObject({ parameterValue: null });

    // A fraction one part at a time, each step a rate the studio runs (24/2, then 45/2).
    await set('Video', 'FPSDen', '2');
    await set('Video', 'FPSNum', '45');
    expect(doc().video).toMatchObject({ fpsNumerator: 45, fpsDenominator: 2 });
    expect(await get('Video', 'FPSType')).toMatchObject({ parameterValue: '2' });
    await set('Video', 'FPSType', '2');

    // Every common label is one the document takes.
    for (const [label, num, den] of FPS_COMMON) {
      await set('Video', 'FPSCommon', label);
      expect(doc().video, label).toMatchObject({ fpsNumerator: num, fpsDenominator: den });
    }

    expect(await refused('Video', 'FPSCommon', '61', Code.InvalidRequestField)).toMatch(/^Video\/FPSCommon must be one of "10", "20", "24 NTSC"/);
    expect(await refused('Video', 'FPSInt', '120', Code.RequestFieldOutOfRange)).toMatch(/^Video\/FPSInt must be a whole number of frames per second from 1 to 60/);
    expect(await refused('Video', 'FPSType', '3', Code.InvalidRequestField)).toMatch(/^Video\/FPSType must be 0 \(common\), 1 \(integer\) or 2 \(fraction\)/);
    expect(await refused('Video', 'FPSNum', '60000', Code.RequestFieldOutOfRange)).toMatch(/^Video\/FPSNum 60000 makes 60000\/1 = 60000 fps; .*1 to 60 fps\. Set Video\/FPSCommon/);
    expect(await refused('Video', 'FPSDen', '0', Code.RequestFieldOutOfRange)).toMatch(/^Video\/FPSDen must be a whole number from 1 to 1000000/);
  });

  it('set RecTracks as OBS\'s bitmask through output.setRecording, and refuse a mask with no track or past track 6', async () => {
    await set('AdvOut', 'RecTracks', '5');
    expect(doc().output.recording.tracks).toEqual([1, 3]);
    expect(await get('AdvOut', 'RecTracks')).toMatchObject({ parameterValue: '5' });
    expect(await get('SimpleOutput', 'RecTracks')).toMatchObject({ parameterValue: '5' });
    await set('SimpleOutput', 'RecTracks', '63');
    expect(doc().output.recording.tracks).toEqual([1, 2, 3, 4, 5, 6]);

    const range = 'a bitmask of tracks 1 to 6 (bit 0 = track 1), from 1 to 63';
    expect(await refused('AdvOut', 'RecTracks', '0', Code.RequestFieldOutOfRange)).toBe(`AdvOut/RecTracks must be ${range}; 0 is out of range.`);
    expect(await refused('AdvOut', 'RecTracks', '64', Code.RequestFieldOutOfRange)).toBe(`AdvOut/RecTracks must be ${range}; 64 is out of range.`);
    expect(await refused('AdvOut', 'RecTracks', 'abc', Code.InvalidRequestField)).toBe(`AdvOut/RecTracks must be ${range}; "abc" is not a whole number.`);
    expect(doc().output.recording.tracks).toEqual([1, 2, 3, 4, 5, 6]);

    // null is OBS's "delete": back to the default, track 1.
    await set('AdvOut', 'RecTracks', null);
    expect(doc().output.recording.tracks).toEqual([1]);

    await studio.dispose();
    await open();
    expect(await get('AdvOut', 'RecTracks')).toMatchObject({ parameterValue: '1' });
  });

  it('read and set TrackIndex as the primary destination\'s audio track', async () => {
    expect(await refused('AdvOut', 'TrackIndex', '2', Code.ResourceNotFound)).toMatch(/no destination yet/);
    const first = await studio.execute('destination.upsert', { server: 'rtmp://127.0.0.1/live', key: KEY });
    const second = await studio.execute('destination.upsert', { server: 'rtmp://127.0.0.1/other', audioTrack: 4 });
    if (!first.ok || !second.ok) throw new Error('destinations were not created');
    expect(await get('AdvOut', 'TrackIndex')).toEqual({ parameterValue: '1', defaultParameterValue: '1' });
    await set('AdvOut', 'TrackIndex', '3');
    expect(doc().destinations.map((d) => d.audioTrack)).toEqual([3, 4]);
    expect(await refused('AdvOut', 'TrackIndex', '7', Code.RequestFieldOutOfRange)).toBe('AdvOut/TrackIndex must be a track from 1 to 6; 7 is out of range.');
  });

  it('read and set the recording folder under both of OBS\'s names', async () => {
    const folder = path.join(dir, 'shows');
    await set('SimpleOutput', 'FilePath', folder);
    expect(doc().output.recording.folder).toBe(folder);
    expect(await get('AdvOut', 'RecFilePath')).toMatchObject({ parameterValue: folder });
    expect((await call('GetRecordDirectory')).responseData).toEqual({ recordDirectory: folder });
    expect(await refused('AdvOut', 'RecFilePath', 'relative/dir', Code.InvalidRequestField)).toMatch(/^AdvOut\/RecFilePath: folder must be an absolute folder path/);
    // The default folder stays "the data folder's", so it follows the data folder.
    await set('AdvOut', 'RecFilePath', path.join(dir, 'recordings'));
    expect(doc().output.recording.folder).toBe('');
  });

  it('read and set the encoder bitrates, and keep Output/Mode as Advanced', async () => {
    await set('SimpleOutput', 'VBitrate', '6000');
    await set('SimpleOutput', 'ABitrate', '128');
    expect(doc().output.encoder).toMatchObject({ bitrateKbps: 6000, audioBitrateKbps: 128 });
    expect(await refused('SimpleOutput', 'VBitrate', '100', Code.RequestFieldOutOfRange)).toMatch(/^SimpleOutput\/VBitrate must be a bitrate in kbps from 200 to 50000/);
    expect(await refused('SimpleOutput', 'ABitrate', '100', Code.RequestFieldOutOfRange)).toMatch(/^SimpleOutput\/ABitrate must be one of 64, 96, 128, 160, 192, 256, 320 kbps/);
    await set('Output', 'Mode', 'Advanced');
    expect(await refused('Output', 'Mode', 'Simple', Code.InvalidRequestField)).toMatch(/^Output\/Mode must be "Advanced"/);
  });

  it('refuse to store unknown keys, and check the fields as OBS does', async () => {
    expect(await refused('MyTool', 'Theme', 'dark', Code.ResourceNotFound)).toMatch(/^The studio has no profile parameter MyTool\/Theme and keeps no other basic.ini keys; it serves Video\/BaseCX, /);
    expect(await refused('MyTool', 'Theme', null, Code.ResourceNotFound)).toBe('There are no existing instances of that profile parameter.');
    expect((await get('MyTool', 'Theme')).parameterValue).toBeNull();
    const missing = await call('GetProfileParameter', { parameterCategory: 'Video' });
    expect(missing.requestStatus).toMatchObject({ result: false, code: Code.MissingRequestField });
    const empty = await call('SetProfileParameter', { parameterCategory: '', parameterName: 'BaseCX', parameterValue: '1920' });
    expect(empty.requestStatus).toMatchObject({ result: false, code: Code.RequestFieldEmpty });
  });
});
