/**
 * The studio → obs-websocket event mapping, driven by a real Studio (temp data folder): commands go
 * in, and the RemoteEvents that come out are checked for type, intent and data. Output states and
 * destination events come from the output engine, so their mapping is checked on the pure
 * translate() with the studio's own event values.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_OUTPUT_STATS, type CommandType, type DestinationState, type RecordState, type RecordStatus, type StudioDocument, type StudioEvent } from '../../shared';
import type { Studio } from '../api';
import { createStudio } from '../studio';
import { FakeClock } from '../testing/fake-clock';
import { METER_INTERVAL_MS, createRemoteEventSource, outputState, recordOutputState, translate } from './events';
import { EventSubscription, VENDOR_NAME, type RemoteEvent, type RemoteEventSource } from './types';

const RESOURCES = path.resolve(import.meta.dirname, '../../../resources');

let dir: string;
let studio: Studio;
let clock: FakeClock;
let source: RemoteEventSource;
let got: RemoteEvent[];

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bs-remote-events-'));
  studio = await createStudio({ dataDir: dir, resourcesDir: RESOURCES });
  clock = new FakeClock();
  source = createRemoteEventSource(studio, clock);
  got = [];
  source.subscribe((e) => {
    if (e.eventType !== 'InputVolumeMeters') got.push(e);
  });
});

afterEach(async () => {
  source.dispose();
  expect(clock.pending()).toBe(0);
  await studio.dispose();
  await rm(dir, { recursive: true, force: true });
});

async function run<T = unknown>(type: CommandType, args: unknown): Promise<T> {
  const r = await studio.execute(type, args);
  if (!r.ok) throw new Error(`${type}: ${r.error.message}`);
  return r.value as T;
}

/** The events one command produced. */
/** A program switch with the default transition, a cut, as obs-websocket clients hear it. */
const CUT_EVENTS = ['SceneTransitionStarted', 'SceneTransitionVideoEnded', 'SceneTransitionEnded'].map((eventType) => ({
  eventType,
  eventIntent: EventSubscription.Transitions,
  eventData: { transitionName: 'Cut', transitionUuid: '7c6f6c0e-5f7d-4b0e-9d1e-0c07c07c07c0' },
}));

async function after(type: CommandType, args: unknown): Promise<RemoteEvent[]> {
  got = [];
  await run(type, args);
  return got;
}

const sceneUuid = () => studio.document().scenes[0]!.uuid;
const sceneName = () => studio.document().scenes[0]!.name;

describe('scene events', () => {
  it('create, rename, switch and remove', async () => {
    let events = await after('scene.create', { name: 'Two' });
    const two = studio.document().scenes.find((s) => s.name === 'Two')!.uuid;
    expect(events).toEqual([
      { eventType: 'SceneCreated', eventIntent: EventSubscription.Scenes, eventData: { sceneName: 'Two', sceneUuid: two, isGroup: false } },
      {
        eventType: 'SceneListChanged',
        eventIntent: EventSubscription.Scenes,
        eventData: {
          scenes: [
            { sceneName: 'Two', sceneUuid: two, sceneIndex: 0 },
            { sceneName: sceneName(), sceneUuid: sceneUuid(), sceneIndex: 1 },
          ],
        },
      },
    ]);

    events = await after('scene.rename', { sceneUuid: two, name: 'Second' });
    expect(events[0]).toEqual({
      eventType: 'SceneNameChanged',
      eventIntent: EventSubscription.Scenes,
      eventData: { sceneUuid: two, oldSceneName: 'Two', sceneName: 'Second' },
    });
    expect(events.map((e) => e.eventType)).toEqual(['SceneNameChanged', 'SceneListChanged']);

    events = await after('scene.setCurrent', { sceneUuid: two });
    // The switch runs the current transition, a cut: it starts and ends at once.
    expect(events).toEqual([
      ...CUT_EVENTS,
      { eventType: 'CurrentProgramSceneChanged', eventIntent: EventSubscription.Scenes, eventData: { sceneName: 'Second', sceneUuid: two } },
    ]);

    // Removing the program scene also switches program, as OBS does.
    events = await after('scene.remove', { sceneUuid: two });
    expect(events.map((e) => [e.eventType, e.eventData?.['sceneName']])).toEqual([
      ['SceneRemoved', 'Second'],
      ['SceneListChanged', undefined],
      ['SceneTransitionStarted', undefined],
      ['SceneTransitionVideoEnded', undefined],
      ['SceneTransitionEnded', undefined],
      ['CurrentProgramSceneChanged', sceneName()],
    ]);
    expect(events[0]!.eventData).toEqual({ sceneName: 'Second', sceneUuid: two, isGroup: false });
  });
});

describe('studio mode events', () => {
  it('StudioModeStateChanged on Ui; CurrentPreviewSceneChanged only while studio mode is on', async () => {
    const two = (await run<{ sceneUuid: string }>('scene.create', { name: 'Two' })).sceneUuid;
    const program = { sceneName: sceneName(), sceneUuid: sceneUuid() };

    // Entering studio mode puts program on preview too.
    expect(await after('studio.setMode', { enabled: true })).toEqual([
      { eventType: 'StudioModeStateChanged', eventIntent: EventSubscription.Ui, eventData: { studioModeEnabled: true } },
      { eventType: 'CurrentPreviewSceneChanged', eventIntent: EventSubscription.Scenes, eventData: program },
    ]);
    expect(await after('scene.setPreview', { sceneUuid: two })).toEqual([
      { eventType: 'CurrentPreviewSceneChanged', eventIntent: EventSubscription.Scenes, eventData: { sceneName: 'Two', sceneUuid: two } },
    ]);
    // A take: program changes, then the old program is announced on preview (the swap).
    expect(await after('studio.take', {})).toEqual([
      ...CUT_EVENTS,
      { eventType: 'CurrentProgramSceneChanged', eventIntent: EventSubscription.Scenes, eventData: { sceneName: 'Two', sceneUuid: two } },
      { eventType: 'CurrentPreviewSceneChanged', eventIntent: EventSubscription.Scenes, eventData: program },
    ]);

    expect(await after('studio.setMode', { enabled: false })).toEqual([
      { eventType: 'StudioModeStateChanged', eventIntent: EventSubscription.Ui, eventData: { studioModeEnabled: false } },
    ]);
    // Removing the (hidden) preview scene moves it silently outside studio mode.
    const events = await after('scene.remove', { sceneUuid: program.sceneUuid });
    expect(events.map((e) => e.eventType)).toEqual(['SceneRemoved', 'SceneListChanged']);
  });
});

describe('the order of a timed transition\'s events', () => {
  const types = () => got.map((e) => e.eventType).filter((t) => t !== 'SceneListChanged');
  const ended = () => expect.poll(() => types().includes('SceneTransitionEnded'), { timeout: 20_000 }).toBe(true);

  it('tells the program change after the transition has stopped, as OBS does', async () => {
    const two = (await run<{ sceneUuid: string }>('scene.create', { name: 'Two' })).sceneUuid;
    await run('transition.set', { kind: 'fade_transition', durationMs: 1000 });
    got = [];
    await run('scene.setCurrent', { sceneUuid: two });
    expect(types(), 'program changed, but the fade has only started').toEqual(['SceneTransitionStarted']);
    await ended();
    expect(types()).toEqual(['SceneTransitionStarted', 'SceneTransitionVideoEnded', 'SceneTransitionEnded', 'CurrentProgramSceneChanged']);

    // A take in studio mode: the swapped preview comes with the program change, at the end.
    await run('studio.setMode', { enabled: true });
    const first = studio.document().scenes.find((s) => s.name !== 'Two')!.uuid;
    await run('scene.setPreview', { sceneUuid: first });
    got = [];
    await run('studio.take', {});
    expect(types()).toEqual(['SceneTransitionStarted']);
    await ended();
    expect(types()).toEqual([
      'SceneTransitionStarted',
      'SceneTransitionVideoEnded',
      'SceneTransitionEnded',
      'CurrentProgramSceneChanged',
      'CurrentPreviewSceneChanged',
    ]);
  });

  it('tells a preview picked during a transition at once', async () => {
    const two = (await run<{ sceneUuid: string }>('scene.create', { name: 'Two' })).sceneUuid;
    const three = (await run<{ sceneUuid: string }>('scene.create', { name: 'Three' })).sceneUuid;
    await run('transition.set', { kind: 'fade_transition', durationMs: 20_000 });
    await run('studio.setMode', { enabled: true });
    await run('scene.setPreview', { sceneUuid: two });
    got = [];
    await run('studio.take', {});
    await run('scene.setPreview', { sceneUuid: three });
    expect(types()).toEqual(['SceneTransitionStarted', 'CurrentPreviewSceneChanged']);
    expect(got[1]!.eventData).toEqual({ sceneName: 'Three', sceneUuid: three });
  });

  it('drops the take\'s swapped preview when another is picked before the transition ends', async () => {
    const two = (await run<{ sceneUuid: string }>('scene.create', { name: 'Two' })).sceneUuid;
    const three = (await run<{ sceneUuid: string }>('scene.create', { name: 'Three' })).sceneUuid;
    await run('transition.set', { kind: 'fade_transition', durationMs: 1000 });
    await run('studio.setMode', { enabled: true });
    await run('scene.setPreview', { sceneUuid: two });
    got = [];
    await run('studio.take', {});
    await run('scene.setPreview', { sceneUuid: three });
    await ended();
    const previews = got.filter((e) => e.eventType === 'CurrentPreviewSceneChanged').map((e) => e.eventData?.['sceneName']);
    expect(previews, 'the last preview told is the one the document has').toEqual(['Three']);
    expect(studio.document().previewSceneUuid).toBe(three);
  });
});

describe('input and scene item events', () => {
  async function addColor(name: string) {
    return run<{ inputUuid: string; sceneItemId: number }>('input.create', {
      sceneUuid: sceneUuid(),
      name,
      kind: 'color_source_v3',
      settings: { color: 0xff00ff00, width: 200, height: 100 },
    });
  }

  it('creating an input announces the input, then its item', async () => {
    got = [];
    const { inputUuid, sceneItemId } = await addColor('Green');
    expect(got).toEqual([
      {
        eventType: 'InputCreated',
        eventIntent: EventSubscription.Inputs,
        eventData: {
          inputName: 'Green',
          inputUuid,
          inputKind: 'color_source_v3',
          unversionedInputKind: 'color_source',
          inputKindCaps: 1,
          inputSettings: { color: 0xff00ff00, width: 200, height: 100 },
          defaultInputSettings: { color: 0xffd1d1d1, width: 0, height: 0 },
        },
      },
      {
        eventType: 'SceneItemCreated',
        eventIntent: EventSubscription.SceneItems,
        eventData: {
          sceneName: sceneName(),
          sceneUuid: sceneUuid(),
          sourceName: 'Green',
          sourceUuid: inputUuid,
          sceneItemId,
          sceneItemIndex: studio.document().scenes[0]!.items.length - 1,
        },
      },
    ]);
  });

  it('settings, rename and removal use the names of the moment', async () => {
    const { inputUuid, sceneItemId } = await addColor('Old');
    expect(await after('input.update', { inputUuid, settings: { color: 0xff0000ff } })).toEqual([
      {
        eventType: 'InputSettingsChanged',
        eventIntent: EventSubscription.Inputs,
        eventData: { inputName: 'Old', inputUuid, inputSettings: { color: 0xff0000ff, width: 200, height: 100 } },
      },
    ]);
    expect(await after('input.rename', { inputUuid, name: 'New' })).toEqual([
      { eventType: 'InputNameChanged', eventIntent: EventSubscription.Inputs, eventData: { inputUuid, oldInputName: 'Old', inputName: 'New' } },
    ]);
    // The items go first; the input is gone from the document by then, yet the event still names it.
    expect(await after('input.remove', { inputUuid })).toEqual([
      {
        eventType: 'SceneItemRemoved',
        eventIntent: EventSubscription.SceneItems,
        eventData: { sceneName: sceneName(), sceneUuid: sceneUuid(), sourceName: 'New', sourceUuid: inputUuid, sceneItemId },
      },
      { eventType: 'InputRemoved', eventIntent: EventSubscription.Inputs, eventData: { inputName: 'New', inputUuid } },
    ]);
  });

  it('item state, order and transform', async () => {
    const { sceneItemId } = await addColor('Box');
    const ref = { sceneUuid: sceneUuid(), sceneItemId };
    const where = { sceneName: sceneName(), sceneUuid: sceneUuid(), sceneItemId };
    expect(await after('item.setEnabled', { ...ref, enabled: false })).toEqual([
      { eventType: 'SceneItemEnableStateChanged', eventIntent: EventSubscription.SceneItems, eventData: { ...where, sceneItemEnabled: false } },
    ]);
    expect(await after('item.setLocked', { ...ref, locked: true })).toEqual([
      { eventType: 'SceneItemLockStateChanged', eventIntent: EventSubscription.SceneItems, eventData: { ...where, sceneItemLocked: true } },
    ]);
    const reindexed = await after('item.setIndex', { ...ref, index: 0 });
    expect(reindexed).toHaveLength(1);
    expect(reindexed[0]).toMatchObject({ eventType: 'SceneItemListReindexed', eventIntent: EventSubscription.SceneItems });
    const items = reindexed[0]!.eventData!['sceneItems'] as { sceneItemId: number; sceneItemIndex: number }[];
    expect(items[0]).toEqual({ sceneItemId, sceneItemIndex: 0 });
    expect(items.map((i) => i.sceneItemId)).toEqual(studio.document().scenes[0]!.items.map((i) => i.sceneItemId));

    const moved = await after('item.setTransform', { ...ref, transform: { positionX: 40, scaleX: 2 } });
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({
      eventType: 'SceneItemTransformChanged',
      eventIntent: EventSubscription.SceneItemTransformChanged,
      eventData: { ...where, sceneItemTransform: expect.objectContaining({ positionX: 40, scaleX: 2, width: 400, sourceWidth: 200 }) },
    });
    expect(await after('item.remove', ref)).toEqual([
      {
        eventType: 'SceneItemRemoved',
        eventIntent: EventSubscription.SceneItems,
        eventData: { ...where, sourceName: 'Box', sourceUuid: studio.document().inputs.find((i) => i.name === 'Box')!.uuid },
      },
    ]);
  });

  it('mute and volume changes are InputMuteStateChanged and InputVolumeChanged, each only when it changed', async () => {
    const { inputUuid } = await run<{ inputUuid: string }>('input.create', { sceneUuid: sceneUuid(), name: 'Tone', kind: 'audio_test_tone' });
    const mute = (inputMuted: boolean) => ({
      eventType: 'InputMuteStateChanged',
      eventIntent: EventSubscription.Inputs,
      eventData: { inputName: 'Tone', inputUuid, inputMuted },
    });
    expect(await after('input.setAudio', { inputUuid, muted: true })).toEqual([mute(true)]);
    expect(await after('input.setAudio', { inputUuid, volumeMul: 0.5 })).toEqual([
      {
        eventType: 'InputVolumeChanged',
        eventIntent: EventSubscription.Inputs,
        eventData: { inputName: 'Tone', inputUuid, inputVolumeMul: 0.5, inputVolumeDb: 20 * Math.log10(0.5) },
      },
    ]);
    const both = await after('input.setAudio', { inputUuid, muted: false, volumeMul: 0 });
    expect(both.map((e) => e.eventType)).toEqual(['InputMuteStateChanged', 'InputVolumeChanged']);
    expect(both[1]!.eventData).toMatchObject({ inputVolumeMul: 0, inputVolumeDb: -100 });
    expect(await after('input.setAudio', { inputUuid, muted: false })).toEqual([]);
  });

  it('video and destination settings changes have no OBS event (the frame rate moves the extra canvases: theirs)', async () => {
    expect(await after('video.set', { baseWidth: 1280, baseHeight: 720 })).toEqual([]);
    expect(await after('destination.upsert', { server: 'rtmp://live.example.com/app', key: 'k' })).toEqual([]);
    expect((await after('video.set', { fpsNumerator: 25 })).map((e) => [e.eventType, e.eventData?.['eventType'], (e.eventData?.['eventData'] as { fpsNumerator?: number }).fpsNumerator])).toEqual([
      ['VendorEvent', 'CanvasSettingsChanged', 25],
    ]);
  });

  it('an extra canvas changed by anyone, or removed, is a VendorEvent with what GetCanvasList answers', async () => {
    const shorts = await run<{ sceneUuid: string }>('scene.create', { name: 'Shorts' });
    got = [];
    await run('canvas.set', { id: 'vertical', enabled: true, programSceneUuid: shorts.sceneUuid });
    const vendor = (events: RemoteEvent[]): Record<string, unknown>[] => events.filter((e) => e.eventType === 'VendorEvent').map((e) => e.eventData as Record<string, unknown>);
    expect(vendor(got)).toEqual([
      {
        vendorName: VENDOR_NAME,
        eventType: 'CanvasSettingsChanged',
        eventData: expect.objectContaining({ canvasUuid: 'vertical', canvasName: 'Vertical', main: false, enabled: true, baseWidth: 1080, baseHeight: 1920, sceneName: 'Shorts', sceneUuid: shorts.sceneUuid }),
      },
    ]);
    expect(got.every((e) => e.eventIntent === EventSubscription.Vendors || e.eventType !== 'VendorEvent')).toBe(true);
    // The scene it shows renamed: its entry changed with it.
    expect(vendor(await after('scene.rename', { sceneUuid: shorts.sceneUuid, name: 'Reels' }))).toEqual([
      { vendorName: VENDOR_NAME, eventType: 'CanvasSettingsChanged', eventData: expect.objectContaining({ canvasUuid: 'vertical', sceneName: 'Reels' }) },
    ]);
    // Nothing about canvases when nothing about them changed.
    expect(vendor(await after('scene.create', { name: 'Other' }))).toEqual([]);
    await run('canvas.set', { id: 'square', name: 'Square', width: 1080, height: 1080, enabled: false, programSceneUuid: shorts.sceneUuid });
    expect(vendor(await after('canvas.remove', { id: 'square' }))).toEqual([{ vendorName: VENDOR_NAME, eventType: 'CanvasRemoved', eventData: { canvasUuid: 'square', canvasName: 'Square' } }]);
  });
});

describe('meters', () => {
  it('InputVolumeMeters ticks every 50 ms while someone listens, and stops after', () => {
    const meters: RemoteEvent[] = [];
    const sub = source.subscribe((e) => {
      if (e.eventType === 'InputVolumeMeters') meters.push(e);
    });
    clock.advance(METER_INTERVAL_MS * 4);
    expect(meters).toHaveLength(4);
    expect(meters[0]).toEqual({ eventType: 'InputVolumeMeters', eventIntent: EventSubscription.InputVolumeMeters, eventData: { inputs: [] } });
    sub.dispose();
    clock.advance(METER_INTERVAL_MS * 4);
    expect(meters).toHaveLength(4);
  });

  it('a disposed source stops its timer and ignores the studio', async () => {
    source.dispose();
    expect(clock.pending()).toBe(0);
    got = [];
    await run('scene.create', { name: 'Quiet' });
    expect(got).toEqual([]);
    source.subscribe(() => {});
    expect(clock.pending()).toBe(0);
  });
});

describe('output and destination events', () => {
  const docs = (stream: DestinationState, record: RecordState = 'idle') => {
    const doc = {} as StudioDocument;
    return { before: doc, after: doc, stream, record };
  };
  const streamEvent = (from: DestinationState, to: DestinationState) =>
    translate({ type: 'stream.state', data: { state: to } }, docs(from));

  it('maps every output state to OBS, RECONNECTED after a reconnect', () => {
    const walk: [DestinationState, DestinationState, string | null, boolean][] = [
      ['idle', 'connecting', 'OBS_WEBSOCKET_OUTPUT_STARTING', false],
      ['connecting', 'live', 'OBS_WEBSOCKET_OUTPUT_STARTED', true],
      ['live', 'reconnecting', 'OBS_WEBSOCKET_OUTPUT_RECONNECTING', false],
      ['reconnecting', 'live', 'OBS_WEBSOCKET_OUTPUT_RECONNECTED', true],
      ['live', 'stopping', 'OBS_WEBSOCKET_OUTPUT_STOPPING', false],
      ['stopping', 'idle', 'OBS_WEBSOCKET_OUTPUT_STOPPED', false],
      ['connecting', 'failed', 'OBS_WEBSOCKET_OUTPUT_STOPPED', false],
      ['reconnecting', 'failed', 'OBS_WEBSOCKET_OUTPUT_STOPPED', false],
      ['failed', 'idle', null, false],
      ['live', 'live', null, false],
    ];
    for (const [from, to, state, active] of walk) {
      expect(outputState(from, to), `${from} → ${to}`).toBe(state);
      const events = streamEvent(from, to);
      if (state === null) expect(events).toEqual([]);
      else {
        expect(events).toEqual([
          { eventType: 'StreamStateChanged', eventIntent: EventSubscription.Outputs, eventData: { outputActive: active, outputState: state } },
        ]);
      }
    }
  });

  it('destination state and stats are VendorEvents', () => {
    const error = { code: 902 as const, message: 'The server closed the connection.' };
    const state = translate(
      {
        type: 'destination.state',
        data: { id: 'd1', name: 'Twitch', state: 'reconnecting', attempt: 2, retryInMs: 4000, error },
      },
      docs('live'),
    );
    expect(state).toEqual([
      {
        eventType: 'VendorEvent',
        eventIntent: EventSubscription.Vendors,
        eventData: {
          vendorName: VENDOR_NAME,
          eventType: 'DestinationStateChanged',
          eventData: { destinationId: 'd1', name: 'Twitch', state: 'reconnecting', attempt: 2, retryInMs: 4000, error },
        },
      },
    ]);
    const stats = translate(
      {
        type: 'destination.stats',
        data: {
          stats: [
            {
              id: 'd1', name: 'Twitch', state: 'live' as const, bitrateKbps: 2500, bytesSent: 1e6, framesSent: 300,
              dropped: 2, reconnects: 1, uptimeMs: 10_000, congestion: 0.1, lastError: null, viewers: null, viewersNote: null,
            },
          ],
        },
      },
      docs('live'),
    );
    expect(stats[0]!.eventData).toEqual({
      vendorName: VENDOR_NAME,
      eventType: 'DestinationStats',
      eventData: {
        destinations: [
          {
            destinationId: 'd1', name: 'Twitch', state: 'live', bitrateKbps: 2500, bytesSent: 1e6, droppedFrames: 2,
            reconnects: 1, lastError: null, uptimeMs: 10_000, congestion: 0.1, viewers: null,
          },
        ],
      },
    });
  });

  const FILE = '/home/me/Videos/2026-11-25 18-00-00.mkv';
  const recordStatus = (state: RecordState): RecordStatus => ({ state, path: FILE, bytes: 1e6, durationMs: 5000, freeBytes: 1e9, error: null });

  it('maps the recorder to RecordStateChanged, naming the file only when started and stopped', () => {
    const walk: [RecordState, RecordState, string | null, boolean, string | null][] = [
      ['idle', 'starting', 'OBS_WEBSOCKET_OUTPUT_STARTING', false, null],
      ['starting', 'recording', 'OBS_WEBSOCKET_OUTPUT_STARTED', true, FILE],
      ['recording', 'stopping', 'OBS_WEBSOCKET_OUTPUT_STOPPING', false, null],
      ['stopping', 'idle', 'OBS_WEBSOCKET_OUTPUT_STOPPED', false, FILE],
      ['starting', 'failed', 'OBS_WEBSOCKET_OUTPUT_STOPPED', false, FILE],
      ['recording', 'failed', 'OBS_WEBSOCKET_OUTPUT_STOPPED', false, FILE],
      // An engine that goes straight to recording still says STARTED.
      ['idle', 'recording', 'OBS_WEBSOCKET_OUTPUT_STARTED', true, FILE],
      ['failed', 'idle', null, false, null],
      ['idle', 'failed', null, false, null],
      // The once-a-second re-send while recording is no news.
      ['recording', 'recording', null, false, null],
    ];
    for (const [from, to, state, active, outputPath] of walk) {
      expect(recordOutputState(from, to), `${from} → ${to}`).toBe(state);
      const events = translate({ type: 'record.state', data: recordStatus(to) }, docs('idle', from));
      if (state === null) expect(events, `${from} → ${to}`).toEqual([]);
      else {
        expect(events, `${from} → ${to}`).toEqual([
          { eventType: 'RecordStateChanged', eventIntent: EventSubscription.Outputs, eventData: { outputActive: active, outputState: state, outputPath } },
        ]);
      }
    }
    // A saved file has no OBS event of its own; the stop already named it.
    expect(translate({ type: 'record.saved', data: { path: FILE, remuxedPath: null, bytes: 1, durationMs: 1 } }, docs('idle'))).toEqual([]);
  });

  it('the source remembers the recorder state, so a stream of record.state events says each move once', () => {
    const listeners = new Set<(e: StudioEvent) => void>();
    const fake = {
      document: () => studio.document(),
      status: () => ({ stream: EMPTY_OUTPUT_STATS, destinations: [] }),
      subscribe: (l: (e: StudioEvent) => void) => (listeners.add(l), { dispose: () => listeners.delete(l) }),
    } as unknown as Studio;
    const own = createRemoteEventSource(fake, clock);
    const seen: RemoteEvent[] = [];
    own.subscribe((e) => {
      if (e.eventType === 'RecordStateChanged') seen.push(e);
    });
    for (const state of ['starting', 'recording', 'recording', 'recording', 'stopping', 'idle', 'idle'] as const) {
      for (const l of [...listeners]) l({ type: 'record.state', data: recordStatus(state) });
    }
    own.dispose();
    expect(seen.map((e) => e.eventData?.['outputState'])).toEqual([
      'OBS_WEBSOCKET_OUTPUT_STARTING',
      'OBS_WEBSOCKET_OUTPUT_STARTED',
      'OBS_WEBSOCKET_OUTPUT_STOPPING',
      'OBS_WEBSOCKET_OUTPUT_STOPPED',
    ]);
    expect(listeners.size).toBe(0);
  });

  it('a changed diagnosis is a DiagnosisChanged VendorEvent with the fields GetDiagnosis answers', () => {
    const diagnosis = {
      severity: 'problem' as const,
      where: 'destination' as const,
      destinationId: 'd1',
      destinationName: 'Twitch',
      message: 'Twitch cannot keep up: its connection is dropping frames.',
    };
    expect(translate({ type: 'diagnosis.changed', data: diagnosis }, docs('live'))).toEqual([
      {
        eventType: 'VendorEvent',
        eventIntent: EventSubscription.Vendors,
        eventData: { vendorName: VENDOR_NAME, eventType: 'DiagnosisChanged', eventData: diagnosis },
      },
    ]);
  });
});
