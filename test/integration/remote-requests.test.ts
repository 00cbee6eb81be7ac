/**
 * The obs-websocket request handlers against a real Studio, as a client drives them, without the
 * socket (the transport has its own tests): Companion's startup sequence replayed in its order, then
 * the everyday flows — build a scene, move a source, point the stream somewhere, manage
 * destinations — and the error codes clients see for malformed requests.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Studio } from '../../src/engine/api';
import { createRemoteEventSource } from '../../src/engine/remote/events';
import { createRequestRegistry } from '../../src/engine/remote/requests/registry';
import {
  EventSubscription,
  VENDOR_NAME,
  type RequestContext,
  type RequestOutcome,
  type RequestRegistry,
} from '../../src/engine/remote/types';
import { createStudio } from '../../src/engine/studio';
import { listFfmpegProcesses, startNginxRtmp, type NginxRtmp } from '../harness';

const ROOT = path.resolve(import.meta.dirname, '../..');
const KEY = 'live_sk_integration_5e1d';

let dir: string;
let studio: Studio;
let registry: RequestRegistry;
let ctx: RequestContext;
/** Every line the studio logged, to check that no stream key reaches a log. */
const logs: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bs-remote-requests-'));
  const logger = {
    log: (_level: string, message: string, fields?: Record<string, unknown>) => void logs.push(`${message} ${JSON.stringify(fields ?? {})}`),
  };
  studio = await createStudio({ dataDir: dir, resourcesDir: path.join(ROOT, 'resources'), logger });
  registry = createRequestRegistry({ dataDir: dir });
  let incoming = 0;
  ctx = {
    studio,
    session: { id: 'companion', rpcVersion: 1, eventSubscriptions: EventSubscription.All | EventSubscription.InputVolumeMeters },
    broadcastCustomEvent: () => {},
    frameDurationMs: () => 1000 / 30,
    sessionStats: () => ({ incomingMessages: ++incoming, outgoingMessages: incoming }),
  };
});

afterAll(async () => {
  await studio?.dispose();
  if (dir) await rm(dir, { recursive: true, force: true });
  expect(logs.length).toBeGreaterThan(0);
  expect(logs.filter((line) => line.includes(KEY))).toEqual([]);
});

interface Step {
  requestType: string;
  requestData?: Record<string, unknown>;
  requestId?: string;
}
type Reply = RequestOutcome & { requestType: string; requestId?: string };

async function send(step: Step): Promise<Reply> {
  const handler = registry.get(step.requestType);
  // What the transport answers for an unregistered type; listed here so a miss shows as 204.
  const out = handler ? await handler(ctx, step.requestData) : { requestStatus: { result: false, code: 204 } };
  return { requestType: step.requestType, ...(step.requestId !== undefined && { requestId: step.requestId }), ...out };
}

/** A batch as the transport runs it (serial, no halt): each result echoes its requestId. */
const batch = (steps: Step[]): Promise<Reply[]> => steps.reduce<Promise<Reply[]>>(async (acc, s) => [...(await acc), await send(s)], Promise.resolve([]));

function succeeded(reply: Reply): Record<string, unknown> {
  expect(reply.requestStatus, `${reply.requestType}: ${reply.requestStatus.comment}`).toEqual({ result: true, code: 100 });
  return reply.responseData ?? {};
}

/** Companion logs a batch failure unless its comment is one of these two (src/api.ts sendBatch). */
const COMPANION_IGNORES = ['The specified source is not an input.', 'The specified input does not support audio.'];

describe("Companion's startup sequence", () => {
  it('completes with every ★ step succeeding and every other step answered sensibly', async () => {
    // Give it something to enumerate: a second scene with a color source.
    succeeded(await send({ requestType: 'CreateScene', requestData: { sceneName: 'Interview' } }));
    succeeded(
      await send({
        requestType: 'CreateInput',
        requestData: { sceneName: 'Interview', inputName: 'Backdrop', inputKind: 'color_source_v3', inputSettings: { color: 0xff442211 } },
      }),
    );

    // ★ GetVersion, ★ GetStudioModeEnabled: a failure here aborts Companion's connection.
    const version = succeeded(await send({ requestType: 'GetVersion' }));
    expect(Array.isArray(version.supportedImageFormats)).toBe(true);
    expect(version.obsWebSocketVersion).toBeTypeOf('string');
    expect(succeeded(await send({ requestType: 'GetStudioModeEnabled' })).studioModeEnabled).toBe(false);

    expect(succeeded(await send({ requestType: 'GetHotkeyList' })).hotkeys).toEqual(expect.arrayContaining(['OBSBasic.StartStreaming', 'OBSBasic.SelectScene']));
    const outputs = succeeded(await send({ requestType: 'GetOutputList' })).outputs as { outputName: string }[];
    expect(outputs.length).toBeGreaterThan(0);
    for (const o of outputs) succeeded(await send({ requestType: 'GetOutputStatus', requestData: { outputName: o.outputName } }));
    succeeded(await send({ requestType: 'GetMonitorList' }));
    succeeded(await send({ requestType: 'GetVideoSettings' }));
    // The studio has a replay buffer (OBS without one answers 604, which Companion only logs).
    expect(succeeded(await send({ requestType: 'GetReplayBufferStatus' })).outputActive).toBe(false);

    const kinds = succeeded(await send({ requestType: 'GetInputKindList' })).inputKinds as string[];
    for (const inputKind of kinds) succeeded(await send({ requestType: 'GetInputDefaultSettings', requestData: { inputKind } }));
    succeeded(await send({ requestType: 'GetStats' }));

    const [record, directory] = await batch([
      { requestType: 'GetRecordStatus', requestId: 'status' },
      { requestType: 'GetRecordDirectory', requestId: 'directory' },
    ]);
    expect(record!.requestId).toBe('status');
    expect(succeeded(record!)).toMatchObject({ outputActive: false, outputPaused: false });
    expect(succeeded(directory!).recordDirectory).toBeTypeOf('string');

    const [stream, service] = await batch([
      { requestType: 'GetStreamStatus', requestId: 'status' },
      { requestType: 'GetStreamServiceSettings', requestId: 'settings' },
    ]);
    expect(String(succeeded(stream!).outputTimecode)).toMatch(/^\d\d:\d\d:\d\d\.\d\d\d$/);
    expect(succeeded(service!).streamServiceType).toBe('rtmp_custom');

    expect(succeeded(await send({ requestType: 'GetProfileList' })).currentProfileName).toBeTypeOf('string');
    expect(succeeded(await send({ requestType: 'GetSceneCollectionList' })).currentSceneCollectionName).toBeTypeOf('string');
    const transitions = succeeded(await send({ requestType: 'GetSceneTransitionList' }));
    expect((transitions.transitions as unknown[]).length).toBeGreaterThan(0);
    expect(succeeded(await send({ requestType: 'GetCurrentSceneTransition' })).transitionName).toBe('Cut');
    succeeded(await send({ requestType: 'GetSpecialInputs' }));
    const inputs = succeeded(await send({ requestType: 'GetInputList' })).inputs as { inputName: string; inputUuid: string }[];
    expect(inputs.map((i) => i.inputName)).toContain('Backdrop');

    const sceneList = succeeded(await send({ requestType: 'GetSceneList' }));
    const scenes = sceneList.scenes as { sceneName: string; sceneUuid: string; sceneIndex: number }[];
    expect(scenes.map((s) => s.sceneIndex)).toEqual(scenes.map((_, i) => i));
    expect(sceneList.currentProgramSceneUuid).toBe(studio.document().currentSceneUuid);

    // Scene items for every scene in one batch, keyed by sceneUuid.
    const itemReplies = await batch(
      scenes.map((s) => ({ requestType: 'GetSceneItemList', requestData: { sceneUuid: s.sceneUuid }, requestId: s.sceneUuid })),
    );
    const sources = new Map<string, { inputKind: string | null; isGroup: boolean | null }>();
    for (const reply of itemReplies) {
      const items = succeeded(reply).sceneItems as { sourceUuid: string; inputKind: string | null; isGroup: boolean | null }[];
      expect(studio.document().scenes.find((s) => s.uuid === reply.requestId)!.items).toHaveLength(items.length);
      for (const item of items) sources.set(item.sourceUuid, item);
    }
    expect(sources.size).toBe(studio.document().inputs.length);
    // No item is a group, so Companion's group batch is empty.
    expect([...sources.values()].filter((s) => s.isGroup)).toEqual([]);

    // Per-source batch, exactly as Companion builds it.
    const steps: Step[] = [];
    for (const [uuid, source] of sources) {
      steps.push({ requestType: 'GetSourceActive', requestData: { sourceUuid: uuid }, requestId: `${uuid}:active` });
      steps.push({ requestType: 'GetSourceFilterList', requestData: { sourceUuid: uuid }, requestId: `${uuid}:filters` });
      if (source.inputKind) {
        steps.push({ requestType: 'GetInputSettings', requestData: { inputUuid: uuid }, requestId: `${uuid}:settings` });
        for (const [type, id] of [
          ['GetInputMute', 'mute'],
          ['GetInputVolume', 'volume'],
          ['GetInputAudioBalance', 'balance'],
          ['GetInputAudioSyncOffset', 'sync_offset'],
          ['GetInputAudioMonitorType', 'monitor'],
          ['GetInputAudioTracks', 'tracks'],
        ]) {
          steps.push({ requestType: type!, requestData: { inputUuid: uuid }, requestId: `${uuid}:${id}` });
        }
      }
    }
    const replies = await batch(steps);
    expect(replies.map((r) => r.requestId)).toEqual(steps.map((s) => s.requestId));
    for (const reply of replies) {
      if (reply.requestStatus.result) continue;
      // Only the failures Companion expects and ignores: video-only inputs have no audio.
      expect(reply.requestStatus.code, reply.requestId).not.toBe(204);
      expect(COMPANION_IGNORES, `${reply.requestType}: ${reply.requestStatus.comment}`).toContain(reply.requestStatus.comment);
    }
    for (const reply of replies.filter((r) => /:(active|filters|settings)$/.test(r.requestId!))) succeeded(reply);

    // The 1 s poll.
    succeeded(await send({ requestType: 'GetStats' }));
    succeeded(await send({ requestType: 'GetStreamStatus' }));
    succeeded(await send({ requestType: 'GetRecordStatus' }));
    for (const o of outputs) succeeded(await send({ requestType: 'GetOutputStatus', requestData: { outputName: o.outputName } }));
    const backdrop = inputs.find((i) => i.inputName === 'Backdrop')!;
    expect(succeeded(await send({ requestType: 'GetMediaInputStatus', requestData: { inputUuid: backdrop.inputUuid } })).mediaState).toBe(
      'OBS_MEDIA_STATE_NONE',
    );
  });
});

describe('streaming to a loopback RTMP server', () => {
  let nginx: NginxRtmp;
  beforeAll(async () => {
    nginx = await startNginxRtmp();
  });
  afterAll(async () => {
    await nginx?.stop();
  });

  const status = async () => succeeded(await send({ requestType: 'GetStreamStatus' }));
  const vendor = async (requestType: string, requestData: Record<string, unknown>) =>
    succeeded(await send({ requestType: 'CallVendorRequest', requestData: { vendorName: VENDOR_NAME, requestType, requestData } }))
      .responseData as Record<string, unknown>;

  it('StartStream and StopStream drive the real output, with OBS statuses and events', async () => {
    const events = createRemoteEventSource(studio);
    const states: unknown[] = [];
    const sub = events.subscribe((e) => {
      if (e.eventType === 'StreamStateChanged') states.push(e.eventData);
    });
    try {
      succeeded(
        await send({
          requestType: 'SetStreamServiceSettings',
          requestData: { streamServiceType: 'rtmp_custom', streamServiceSettings: { server: `rtmp://127.0.0.1:${nginx.port}/live`, key: KEY } },
        }),
      );
      // Other destinations from earlier tests would also start; keep only the primary enabled.
      for (const d of studio.document().destinations.slice(1)) await studio.execute('destination.upsert', { id: d.id, enabled: false });
      const primary = studio.document().destinations[0]!.id;

      succeeded(await send({ requestType: 'StartStream' }));
      expect((await send({ requestType: 'StartStream' })).requestStatus.code).toBe(500);
      await expect.poll(async () => (await status()).outputBytes as number, { timeout: 20_000, interval: 250 }).toBeGreaterThan(0);
      const live = await status();
      expect(live).toMatchObject({ outputActive: true, outputReconnecting: false });
      expect(String(live.outputTimecode)).toMatch(/^\d\d:\d\d:\d\d\.\d\d\d$/);
      const outputs = succeeded(await send({ requestType: 'GetOutputList' })).outputs as { outputName: string; outputActive: boolean }[];
      expect(outputs.find((o) => o.outputName === 'simple_stream')!.outputActive).toBe(true);
      expect((await vendor('GetDestinationStatus', { destinationId: primary })).state).toBe('live');
      // The frame rate cannot change under running encoders (OBS's 500; the output size can: live-reconfigure.test.ts).
      expect((await send({ requestType: 'SetVideoSettings', requestData: { fpsNumerator: 25, fpsDenominator: 1 } })).requestStatus.code).toBe(500);

      succeeded(await send({ requestType: 'StopStream' }));
      await expect.poll(async () => (await status()).outputActive, { timeout: 20_000, interval: 250 }).toBe(false);
      expect((await send({ requestType: 'StopStream' })).requestStatus.code).toBe(501);
      expect(listFfmpegProcesses(`127.0.0.1:${nginx.port}`)).toEqual([]);

      const names = states.map((s) => (s as { outputState: string }).outputState.replace('OBS_WEBSOCKET_OUTPUT_', ''));
      expect(names).toEqual(['STARTING', 'STARTED', 'STOPPING', 'STOPPED']);
      expect(states[1]).toEqual({ outputActive: true, outputState: 'OBS_WEBSOCKET_OUTPUT_STARTED' });
      expect(states[3]).toEqual({ outputActive: false, outputState: 'OBS_WEBSOCKET_OUTPUT_STOPPED' });
    } finally {
      sub.dispose();
      events.dispose();
    }
  });

  it('StartDestination goes live with one destination; ToggleStream stops it', async () => {
    const primary = studio.document().destinations[0]!.id;
    await vendor('StartDestination', { destinationId: primary });
    const destination = () => vendor('GetDestinationStatus', { destinationId: primary });
    await expect.poll(async () => (await destination()).state, { timeout: 20_000, interval: 250 }).toBe('live');
    await expect.poll(async () => (await destination()).bytesSent as number, { timeout: 20_000, interval: 250 }).toBeGreaterThan(0);
    expect(succeeded(await send({ requestType: 'ToggleStream' }))).toEqual({ outputActive: false });
    await expect.poll(async () => (await status()).outputActive, { timeout: 20_000, interval: 250 }).toBe(false);
    expect(listFfmpegProcesses(`127.0.0.1:${nginx.port}`)).toEqual([]);
  });
});

describe('everyday flows', () => {
  it('GetVersion.availableRequests is exactly the registered set', async () => {
    const listed = succeeded(await send({ requestType: 'GetVersion' })).availableRequests as string[];
    expect([...listed].sort()).toEqual([...registry.list()].sort());
    for (const name of listed) expect(registry.get(name), name).toBeDefined();
  });

  it('creates a scene, adds a color source, moves it and reads it back', async () => {
    const sceneUuid = succeeded(await send({ requestType: 'CreateScene', requestData: { sceneName: 'Lower third' } })).sceneUuid as string;
    const { inputUuid, sceneItemId } = succeeded(
      await send({
        requestType: 'CreateInput',
        // ABGR: alpha ff, blue 00, green 80, red ff → orange.
        requestData: { sceneUuid, inputName: 'Bar', inputKind: 'color_source_v3', inputSettings: { color: 0xff0080ff, width: 1280, height: 120 } },
      }),
    ) as { inputUuid: string; sceneItemId: number };
    succeeded(
      await send({
        requestType: 'SetSceneItemTransform',
        requestData: { sceneUuid, sceneItemId, sceneItemTransform: { positionX: 0, positionY: 600, scaleX: 0.5 } },
      }),
    );
    const transform = succeeded(await send({ requestType: 'GetSceneItemTransform', requestData: { sceneName: 'Lower third', sceneItemId } }))
      .sceneItemTransform as Record<string, number>;
    expect(transform).toMatchObject({ positionX: 0, positionY: 600, scaleX: 0.5, scaleY: 1, width: 640, height: 120, sourceWidth: 1280 });
    const settings = succeeded(await send({ requestType: 'GetInputSettings', requestData: { inputUuid } }));
    expect(settings).toEqual({ inputKind: 'color_source_v3', inputSettings: { color: 0xff0080ff, width: 1280, height: 120 } });
    // The studio agrees.
    const item = studio.document().scenes.find((s) => s.uuid === sceneUuid)!.items.find((i) => i.sceneItemId === sceneItemId)!;
    expect(item.transform).toMatchObject({ positionX: 0, positionY: 600, scaleX: 0.5 });
  });

  it('names and UUIDs address the same things', async () => {
    const scene = studio.document().scenes.find((s) => s.name === 'Lower third')!;
    const bar = studio.document().inputs.find((i) => i.name === 'Bar')!;
    const byName = await send({ requestType: 'GetSceneItemList', requestData: { sceneName: scene.name } });
    const byUuid = await send({ requestType: 'GetSceneItemList', requestData: { sceneUuid: scene.uuid } });
    expect(succeeded(byName)).toEqual(succeeded(byUuid));
    succeeded(await send({ requestType: 'SetCurrentProgramScene', requestData: { sceneUuid: scene.uuid } }));
    expect(succeeded(await send({ requestType: 'GetCurrentProgramScene' })).sceneName).toBe('Lower third');
    expect(succeeded(await send({ requestType: 'GetSourceActive', requestData: { sourceName: 'Bar' } }))).toEqual(
      succeeded(await send({ requestType: 'GetSourceActive', requestData: { sourceUuid: bar.uuid } })),
    );
    succeeded(await send({ requestType: 'SetInputName', requestData: { inputUuid: bar.uuid, newInputName: 'Strap' } }));
    expect(succeeded(await send({ requestType: 'GetSceneItemId', requestData: { sceneUuid: scene.uuid, sourceName: 'Strap' } })).sceneItemId).toBeTypeOf(
      'number',
    );
    expect((await send({ requestType: 'GetInputSettings', requestData: { inputName: 'Bar' } })).requestStatus.code).toBe(600);
  });

  it('SetStreamServiceSettings then GetStreamServiceSettings', async () => {
    succeeded(
      await send({
        requestType: 'SetStreamServiceSettings',
        requestData: { streamServiceType: 'rtmp_custom', streamServiceSettings: { server: 'rtmp://127.0.0.1:1935/live', key: KEY } },
      }),
    );
    const read = succeeded(await send({ requestType: 'GetStreamServiceSettings' }));
    expect(read).toEqual({ streamServiceType: 'rtmp_custom', streamServiceSettings: { server: 'rtmp://127.0.0.1:1935/live' } });
    expect(JSON.stringify(read)).not.toContain(KEY);
    expect(studio.document().destinations[0]).toMatchObject({ server: 'rtmp://127.0.0.1:1935/live', hasKey: true });
  });

  it('manages destinations through the vendor API', async () => {
    const call = async (requestType: string, requestData?: Record<string, unknown>) =>
      send({ requestType: 'CallVendorRequest', requestData: { vendorName: VENDOR_NAME, requestType, ...(requestData && { requestData }) } });
    const created = succeeded(await call('CreateDestination', { name: 'Backup', server: 'rtmp://backup.example.com/live', key: KEY, enabled: false }));
    expect(created).toMatchObject({ vendorName: VENDOR_NAME, requestType: 'CreateDestination' });
    const destinationId = (created.responseData as { destinationId: string }).destinationId;
    const list = succeeded(await call('GetDestinationList')).responseData as { destinations: Record<string, unknown>[] };
    expect(list.destinations.find((d) => d.destinationId === destinationId)).toMatchObject({ name: 'Backup', hasKey: true, enabled: false, state: 'idle' });
    expect(JSON.stringify(list)).not.toContain(KEY);
    succeeded(await call('SetDestinationSettings', { destinationId, server: 'rtmp://backup2.example.com/live' }));
    expect(studio.document().destinations.find((d) => d.id === destinationId)!.server).toBe('rtmp://backup2.example.com/live');
    expect((succeeded(await call('GetDestinationStatus', { destinationId })).responseData as { state: string }).state).toBe('idle');
    succeeded(await call('RemoveDestination', { destinationId }));
    expect((await call('GetDestinationStatus', { destinationId })).requestStatus.code).toBe(600);
  });

  it('answers malformed requests with the codes clients expect', async () => {
    const code = async (requestType: string, requestData?: Record<string, unknown>) =>
      (await send({ requestType, ...(requestData && { requestData }) })).requestStatus;
    expect(await code('CreateScene')).toMatchObject({ result: false, code: 301 });
    expect(await code('CreateScene', {})).toMatchObject({ result: false, code: 300, comment: 'Your request is missing the `sceneName` field.' });
    expect(await code('CreateScene', { sceneName: 42 })).toMatchObject({ result: false, code: 401 });
    expect(await code('CreateScene', { sceneName: '' })).toMatchObject({ result: false, code: 403 });
    expect(await code('SetSceneItemIndex', { sceneName: 'Lower third', sceneItemId: 1, sceneItemIndex: 9000 })).toMatchObject({ result: false, code: 402 });
    expect(await code('GetSceneItemList', { sceneName: 'Nowhere' })).toMatchObject({ result: false, code: 600 });
    expect(await code('GetInputSettings', { inputName: 'Lower third' })).toMatchObject({ result: false, code: 602 });
    expect(await code('SetInputVolume', { inputName: 'Strap', inputVolumeDb: -6 })).toMatchObject({ result: false, code: 604 });
    expect(await code('CreateInput', { sceneName: 'Lower third', inputName: 'X', inputKind: 'no_such_kind' })).toMatchObject({ result: false, code: 605 });
    expect(await code('SetStudioModeEnabled', { studioModeEnabled: 'yes' })).toMatchObject({ result: false, code: 401 });
    expect(await code('TriggerStudioModeTransition')).toMatchObject({ result: false, code: 506 });
    expect(await code('NotARequest')).toMatchObject({ result: false, code: 204 });
  });
});
