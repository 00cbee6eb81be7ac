/**
 * The request handlers against a real Studio (temp data folder, demo collection), called directly
 * through a small RequestContext: what each category answers, and with which OBS status when not.
 */
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FILTER_KINDS } from '../../../shared';
import type { Studio } from '../../api';
import { createStudio } from '../../studio';
import { FakeClock } from '../../testing/fake-clock';
import { EventSubscription, VENDOR_NAME, type RequestContext, type RequestOutcome, type RequestRegistry } from '../types';
import { NO_PAUSE } from './record';
import { isStub, stub, type Handler, type HandlerTable } from './handler';
import { createRequestRegistry } from './registry';
import { runRequest } from '../execute';
import { Code, fail, success } from './status';

const RESOURCES = path.resolve(import.meta.dirname, '../../../../resources');
const KEY = 'live_sk_registry_7f3e';

let dir: string;
let studio: Studio;
let clock: FakeClock;
let registry: RequestRegistry;
let ctx: RequestContext;
let custom: Record<string, unknown>[];

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bs-requests-'));
  studio = await createStudio({ dataDir: dir, resourcesDir: RESOURCES });
  clock = new FakeClock();
  registry = createRequestRegistry({ dataDir: dir, clock });
  custom = [];
  ctx = {
    studio,
    session: { id: 'session-1', rpcVersion: 1, eventSubscriptions: EventSubscription.All },
    broadcastCustomEvent: (data) => custom.push(data),
    frameDurationMs: () => 40,
    sessionStats: () => ({ incomingMessages: 7, outgoingMessages: 5 }),
  };
});

afterEach(async () => {
  await studio.dispose();
  await rm(dir, { recursive: true, force: true });
});

async function call(type: string, data?: unknown): Promise<RequestOutcome> {
  const handler = registry.get(type);
  if (!handler) throw new Error(`${type} is not registered`);
  return handler(ctx, data as Record<string, unknown> | undefined);
}

/** Runs a request that must succeed and returns its responseData. */
async function ok(type: string, data?: unknown): Promise<Record<string, unknown>> {
  const out = await call(type, data);
  expect(out.requestStatus, `${type}: ${out.requestStatus.comment}`).toEqual({ result: true, code: 100 });
  return out.responseData ?? {};
}

/** Runs a request that must fail with `code` and returns its comment. */
async function refused(type: string, data: unknown, code: number): Promise<string | undefined> {
  const out = await call(type, data);
  expect(out.requestStatus.result, `${type} should fail`).toBe(false);
  expect(out.requestStatus.code, `${type}: ${out.requestStatus.comment}`).toBe(code);
  expect(out.responseData).toBeUndefined();
  return out.requestStatus.comment;
}

const doc = () => studio.document();
const scene = (name: string) => doc().scenes.find((s) => s.name === name)!;
const input = (name: string) => doc().inputs.find((i) => i.name === name)!;

async function addColor(name: string, sceneName = doc().scenes[0]!.name) {
  const inputSettings = { color: 0xff0000ff, width: 320, height: 180 };
  const created = await ok('CreateInput', { sceneName, inputName: name, inputKind: 'color_source_v3', inputSettings });
  return created as { inputUuid: string; sceneItemId: number };
}

describe('the registry', () => {
  it('advertises exactly what it implements and answers placeholders without advertising them', async () => {
    const names = registry.list();
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(registry.get(name), name).toBeTypeOf('function');
    expect((await ok('GetVersion')).availableRequests).toEqual(names);
    expect(registry.get('NoSuchRequest')).toBeUndefined();
    expect(registry.get('toString')).toBeUndefined();
    expect(names).toEqual(expect.arrayContaining(['StartRecord', 'StopRecord', 'ToggleRecord', 'GetRecordStatus']));
    expect(names).not.toContain('PauseRecord');
    expect(await refused('PauseRecord', undefined, 604)).toBe(NO_PAUSE);
  });

  it('advertises no request that can only fail, yet still answers each with its reason', async () => {
    const names = registry.list();
    const onlyFail: Array<[string, unknown, number]> = [
      ['PauseRecord', undefined, 604],
      ['ToggleRecordPause', undefined, 604],
    ];
    for (const [type, data, code] of onlyFail) {
      expect(names, type).not.toContain(type);
      await refused(type, data, code);
    }
    // What answers truthfully, if emptily, stays listed.
    expect(names).toEqual(
      expect.arrayContaining(['GetHotkeyList', 'TriggerHotkeyByName', 'TriggerHotkeyByKeySequence', 'GetSourceFilterList', 'GetSourceFilterKindList', 'GetInputMute']),
    );
  });

  it('lists a real handler put in a stub\'s place with no other change', () => {
    const real: Handler = () => success({ hotkeys: [] });
    const table: HandlerTable = { TriggerHotkeyByName: stub(() => fail(Code.ResourceNotFound)), GetHotkeyList: real };
    const listed = (t: HandlerTable) => Object.entries(t).filter(([, h]) => !isStub(h)).map(([n]) => n);
    expect(listed(table)).toEqual(['GetHotkeyList']);
    expect(listed({ ...table, TriggerHotkeyByName: real })).toEqual(['TriggerHotkeyByName', 'GetHotkeyList']);
  });

  it('turns a handler crash into a 702 for that request only', async () => {
    const broken = { ...ctx, studio: { ...studio, document: () => { throw new Error('boom'); } } } as RequestContext;
    const out = await registry.get('GetSceneList')!(broken, undefined);
    expect(out.requestStatus).toEqual({ result: false, code: 702, comment: 'The studio could not process GetSceneList: boom' });
  });
});

describe('general', () => {
  it('GetVersion has what Companion needs', async () => {
    const v = await ok('GetVersion');
    expect(v).toMatchObject({ obsWebSocketVersion: '5.5.0', rpcVersion: 1, supportedImageFormats: ['png', 'jpg', 'jpeg', 'webp'] });
    expect(v.obsVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(v.platform).toBeTypeOf('string');
    expect(v.platformDescription).toBeTypeOf('string');
  });

  it('GetStats reports process and session numbers', async () => {
    const s = await ok('GetStats');
    expect(s.memoryUsage as number).toBeGreaterThan(1);
    expect(s.availableDiskSpace as number).toBeGreaterThan(0);
    expect(s.cpuUsage as number).toBeGreaterThanOrEqual(0);
    expect(s.activeFps).toBe(30);
    expect(s).toMatchObject({ webSocketSessionIncomingMessages: 7, webSocketSessionOutgoingMessages: 5, renderSkippedFrames: 0, outputSkippedFrames: 0 });
  });

  it('BroadcastCustomEvent hands the data to the transport and needs a non-empty object', async () => {
    await ok('BroadcastCustomEvent', { eventData: { cue: 'intro' } });
    expect(custom).toEqual([{ cue: 'intro' }]);
    await refused('BroadcastCustomEvent', { eventData: {} }, 403);
    await refused('BroadcastCustomEvent', { eventData: 'x' }, 401);
    await refused('BroadcastCustomEvent', {}, 300);
    await refused('BroadcastCustomEvent', undefined, 301);
    expect(custom).toHaveLength(1);
  });

  it('Sleep waits on the clock, in milliseconds or frames', async () => {
    let done = false;
    const slept = call('Sleep', { sleepMillis: 1000 }).then((o) => ((done = true), o));
    await Promise.resolve();
    clock.advance(999);
    await Promise.resolve();
    expect(done).toBe(false);
    clock.advance(1);
    expect((await slept).requestStatus.code).toBe(100);

    let framesDone = false;
    const frames = call('Sleep', { sleepFrames: 3 }).then((o) => ((framesDone = true), o));
    await Promise.resolve();
    clock.advance(119);
    await Promise.resolve();
    expect(framesDone).toBe(false);
    clock.advance(1);
    expect((await frames).requestStatus.code).toBe(100);

    await refused('Sleep', { sleepMillis: 50001 }, 402);
    await refused('Sleep', {}, 300);
  });

  it('Sleep follows the batch mode when the transport gives it', async () => {
    const inMode = (executionType: number) => ({ ...ctx, executionType }) as RequestContext;
    const sleep = registry.get('Sleep')!;
    expect((await sleep(inMode(-1), { sleepMillis: 0 })).requestStatus.code).toBe(206);
    expect((await sleep(inMode(2), { sleepMillis: 0 })).requestStatus.code).toBe(206);
    expect((await sleep(inMode(0), { sleepMillis: 0 })).requestStatus.code).toBe(100);
    expect((await sleep(inMode(1), { sleepMillis: 10 })).requestStatus).toMatchObject({ code: 300, comment: 'Your request is missing the `sleepFrames` field.' });
    expect((await sleep(inMode(0), { sleepFrames: 1 })).requestStatus.code).toBe(300);
    expect((await sleep(inMode(1), { sleepFrames: 0 })).requestStatus.code).toBe(100);
  });

  it("hotkeys: OBS's names are listed and run; a name several scenes share needs contextName", async () => {
    const listed = (await ok('GetHotkeyList'))['hotkeys'] as string[];
    expect(listed).toEqual(expect.arrayContaining(['OBSBasic.StartStreaming', 'OBSBasic.StopRecording', 'OBSBasic.SelectScene']));
    expect(new Set(listed).size).toBe(listed.length);
    await ok('CreateScene', { sceneName: 'Hot' });
    expect(await refused('TriggerHotkeyByName', { hotkeyName: 'OBSBasic.SelectScene' }, 300)).toMatch(/give contextName/);
    await ok('TriggerHotkeyByName', { hotkeyName: 'OBSBasic.SelectScene', contextName: 'Hot' });
    expect(doc().currentSceneUuid).toBe(scene('Hot').uuid);
    expect(await refused('TriggerHotkeyByName', { hotkeyName: 'OBSBasic.Nope' }, 600)).toBe('No hotkeys were found by that name.');
    await refused('TriggerHotkeyByName', {}, 300);
  });

  it('hotkeys: a key sequence runs what is bound to it, and nothing when nothing is', async () => {
    const added = await addColor('Flash');
    const sceneUuid = doc().currentSceneUuid;
    const combo = { key: 'OBS_KEY_F9', shift: false, control: true, alt: false, command: false };
    const bound = await studio.execute('hotkey.bind', { name: `libobs.hide_scene_item.${added.sceneItemId}`, contextUuid: sceneUuid, keys: [combo] });
    expect(bound.ok).toBe(true);
    await ok('TriggerHotkeyByKeySequence', { keyId: 'OBS_KEY_F9', keyModifiers: { shift: true } });
    expect(doc().scenes.find((s) => s.uuid === sceneUuid)!.items.find((i) => i.sceneItemId === added.sceneItemId)!.enabled).toBe(true);
    await ok('TriggerHotkeyByKeySequence', { keyId: 'OBS_KEY_F9', keyModifiers: { control: true } });
    expect(doc().scenes.find((s) => s.uuid === sceneUuid)!.items.find((i) => i.sceneItemId === added.sceneItemId)!.enabled).toBe(false);
    await refused('TriggerHotkeyByKeySequence', { keyModifiers: { control: 'yes' } }, 401);
  });

  it('CallVendorRequest routes broadcast-studio and refuses other vendors', async () => {
    expect(await refused('CallVendorRequest', { vendorName: 'obs-shaderfilter', requestType: 'X' }, 600)).toBe('No vendor was found by that name.');
    expect(await refused('CallVendorRequest', { vendorName: VENDOR_NAME, requestType: 'Nope' }, 600)).toBe('No request was found by that name.');
    await refused('CallVendorRequest', { vendorName: VENDOR_NAME }, 300);
    await refused('CallVendorRequest', { vendorName: VENDOR_NAME, requestType: 'GetDestinationList', requestData: 5 }, 401);
    expect(await ok('CallVendorRequest', { vendorName: VENDOR_NAME, requestType: 'GetDestinationList' })).toEqual({
      vendorName: VENDOR_NAME,
      requestType: 'GetDestinationList',
      responseData: { destinations: [] },
    });
  });
});

describe('config', () => {
  it('video settings: pairs only, OBS ranges, then the studio limits', async () => {
    expect(await ok('GetVideoSettings')).toEqual({
      fpsNumerator: 30, fpsDenominator: 1,
      baseWidth: 1280, baseHeight: 720, outputWidth: 1280, outputHeight: 720,
    });
    expect(await refused('SetVideoSettings', { baseWidth: 1920 }, 300)).toBe('You must specify at least one video-changing pair.');
    await refused('SetVideoSettings', { baseWidth: 5000, baseHeight: 720 }, 402);
    await refused('SetVideoSettings', { fpsNumerator: '60', fpsDenominator: 1 }, 401);
    await ok('SetVideoSettings', { baseWidth: 1920, baseHeight: 1080, fpsNumerator: 60, fpsDenominator: 1 });
    expect(doc().video).toEqual({ baseWidth: 1920, baseHeight: 1080, outputWidth: 1920, outputHeight: 1080, fpsNumerator: 60, fpsDenominator: 1 });
    // Inside OBS's range but against the studio's own rule (the GPU packs four pixels at a time): the engine's error comes through.
    const out = await call('SetVideoSettings', { baseWidth: 4094, baseHeight: 2160 });
    expect(out.requestStatus).toMatchObject({ result: false, code: 400, comment: expect.stringMatching(/multiple of 4/) });
    // The largest canvas, any aspect, is the studio's as well as OBS's.
    await ok('SetVideoSettings', { baseWidth: 4096, baseHeight: 4096 });
  });

  it('profiles and scene collections: list, create (which switches), switch, remove', async () => {
    expect(await ok('GetProfileList')).toEqual({ currentProfileName: 'Untitled', profiles: ['Untitled'] });
    expect(await ok('GetSceneCollectionList')).toEqual({ currentSceneCollectionName: 'Untitled', sceneCollections: ['Untitled'] });
    await ok('SetCurrentProfile', { profileName: 'Untitled' });
    await refused('SetCurrentProfile', { profileName: 'Other' }, 600);
    await refused('SetCurrentSceneCollection', { sceneCollectionName: 'Other' }, 600);
    await ok('CreateProfile', { profileName: 'Second' });
    expect(await ok('GetProfileList')).toEqual({ currentProfileName: 'Second', profiles: ['Untitled', 'Second'] });
    await refused('CreateProfile', { profileName: 'Second' }, 601);
    await ok('RemoveProfile', { profileName: 'Second' });
    expect(await ok('GetProfileList')).toEqual({ currentProfileName: 'Untitled', profiles: ['Untitled'] });
    await refused('RemoveProfile', { profileName: 'Untitled' }, 604);
    await ok('CreateSceneCollection', { sceneCollectionName: 'Show' });
    expect(await ok('GetSceneCollectionList')).toEqual({ currentSceneCollectionName: 'Show', sceneCollections: ['Untitled', 'Show'] });
    await ok('SetCurrentSceneCollection', { sceneCollectionName: 'Untitled' });
    expect(await ok('GetSceneCollectionList')).toMatchObject({ currentSceneCollectionName: 'Untitled' });
    await refused('CreateSceneCollection', {}, 300);
  });

  it('the stream service is the primary destination, and its key never comes back', async () => {
    expect(await ok('GetStreamServiceSettings')).toEqual({ streamServiceType: 'rtmp_custom', streamServiceSettings: { server: '' } });
    await ok('SetStreamServiceSettings', { streamServiceType: 'rtmp_custom', streamServiceSettings: { server: 'rtmp://live.example.com/app', key: KEY } });
    expect(doc().destinations).toHaveLength(1);
    expect(doc().destinations[0]).toMatchObject({ server: 'rtmp://live.example.com/app', hasKey: true, enabled: true });
    await ok('SetStreamServiceSettings', { streamServiceType: 'rtmp_custom', streamServiceSettings: { server: 'rtmp://b.example.com/live' } });
    expect(doc().destinations).toHaveLength(1);
    expect(doc().destinations[0]).toMatchObject({ server: 'rtmp://b.example.com/live', hasKey: true });
    const read = await ok('GetStreamServiceSettings');
    expect(read).toEqual({ streamServiceType: 'rtmp_custom', streamServiceSettings: { server: 'rtmp://b.example.com/live' } });
    expect(JSON.stringify(read)).not.toContain(KEY);

    await refused('SetStreamServiceSettings', { streamServiceType: 'rtmp_common', streamServiceSettings: { service: 'Twitch' } }, 700);
    await refused('SetStreamServiceSettings', { streamServiceType: 'rtmp_custom', streamServiceSettings: {} }, 403);
    await refused('SetStreamServiceSettings', { streamServiceType: 'rtmp_custom', streamServiceSettings: { server: 5 } }, 401);
    const bad = await call('SetStreamServiceSettings', { streamServiceType: 'rtmp_custom', streamServiceSettings: { server: 'http://nope' } });
    expect(bad.requestStatus.result).toBe(false);
  });

  it('GetRecordDirectory is under the data folder, or the folder the recording settings name', async () => {
    expect(await ok('GetRecordDirectory')).toEqual({ recordDirectory: path.join(dir, 'recordings') });
    const folder = path.join(dir, 'elsewhere');
    const set = await studio.execute('output.setRecording', { folder });
    expect(set.ok).toBe(true);
    expect(await ok('GetRecordDirectory')).toEqual({ recordDirectory: folder });
  });
});

describe('scenes', () => {
  it('lists scenes the OBS way and switches by name or UUID', async () => {
    const a = (await ok('CreateScene', { sceneName: 'A' })).sceneUuid as string;
    await ok('CreateScene', { sceneName: 'B' });
    const list = await ok('GetSceneList');
    const first = doc().scenes[0]!;
    expect(list).toEqual({
      currentProgramSceneName: first.name,
      currentProgramSceneUuid: first.uuid,
      currentPreviewSceneName: null,
      currentPreviewSceneUuid: null,
      scenes: [
        { sceneName: 'B', sceneUuid: scene('B').uuid, sceneIndex: 0 },
        { sceneName: 'A', sceneUuid: a, sceneIndex: 1 },
        { sceneName: first.name, sceneUuid: first.uuid, sceneIndex: 2 },
      ],
    });
    await ok('SetCurrentProgramScene', { sceneName: 'B' });
    expect(doc().currentSceneUuid).toBe(scene('B').uuid);
    // The UUID wins over the name, as in OBS.
    await ok('SetCurrentProgramScene', { sceneUuid: a, sceneName: 'B' });
    expect(await ok('GetCurrentProgramScene')).toEqual({ sceneName: 'A', sceneUuid: a, currentProgramSceneName: 'A', currentProgramSceneUuid: a });
    // The scene already on program: success, and nothing happens (no event, no transition), as in OBS.
    const heard: string[] = [];
    const sub = studio.subscribe((e) => void heard.push(e.type));
    await ok('SetCurrentProgramScene', { sceneUuid: a });
    sub.dispose();
    expect(heard.filter((t) => t.startsWith('scene.') || t.startsWith('transition.'))).toEqual([]);
  });

  it('names what is wrong with a scene reference', async () => {
    expect(await refused('SetCurrentProgramScene', { sceneName: 'Nope' }, 600)).toBe('No source was found by the name of `Nope`.');
    expect(await refused('SetCurrentProgramScene', { sceneUuid: 'nope' }, 600)).toBe('No source was found by the UUID of `nope`.');
    expect(await refused('SetCurrentProgramScene', {}, 300)).toBe(
      'Your request must contain at least one of the following fields: `sceneName` or `sceneUuid`.',
    );
    expect(await refused('SetCurrentProgramScene', { sceneName: doc().inputs[0]!.name }, 602)).toBe('The specified source is not a scene.');
  });

  it('creates, renames and removes, with OBS codes for clashes and the last scene', async () => {
    const first = doc().scenes[0]!.name;
    expect(await refused('CreateScene', { sceneName: first }, 601)).toBe('A source already exists by that scene name.');
    await refused('CreateScene', { sceneName: doc().inputs[0]!.name }, 601);
    await refused('CreateScene', { sceneName: '' }, 403);
    await ok('CreateScene', { sceneName: 'Two' });
    await ok('SetSceneName', { sceneName: 'Two', newSceneName: 'Second' });
    expect(scene('Second')).toBeDefined();
    await refused('SetSceneName', { sceneName: 'Second', newSceneName: 'Second' }, 601);
    await refused('SetSceneName', { sceneName: 'Second' }, 300);
    await ok('RemoveScene', { sceneName: 'Second' });
    expect(await refused('RemoveScene', { sceneName: first }, 603)).toBe('You cannot remove the last scene in the collection.');
  });

  it('preview requests need studio mode; groups do not exist', async () => {
    await refused('GetCurrentPreviewScene', undefined, 506);
    await refused('SetCurrentPreviewScene', { sceneName: doc().scenes[0]!.name }, 506);
    // Studio mode is checked before the scene, as in OBS.
    await refused('SetCurrentPreviewScene', { sceneName: 'Nope' }, 506);
    expect(await ok('GetGroupList')).toEqual({ groups: [] });
    expect(await refused('GetGroupSceneItemList', { sceneName: doc().scenes[0]!.name }, 602)).toBe('The specified source is not a group. (Is scene)');
    await refused('GetGroupSceneItemList', { sceneName: 'Nope' }, 600);
  });
});

describe('studio mode', () => {
  it('turns on, sets the preview by name or UUID, and a take swaps preview and program', async () => {
    const demo = doc().scenes[0]!;
    const b = (await ok('CreateScene', { sceneName: 'B' })).sceneUuid as string;
    await ok('SetStudioModeEnabled', { studioModeEnabled: true });
    expect(await ok('GetStudioModeEnabled')).toEqual({ studioModeEnabled: true });
    // Entering studio mode shows program on preview.
    const on = { sceneName: demo.name, sceneUuid: demo.uuid, currentPreviewSceneName: demo.name, currentPreviewSceneUuid: demo.uuid };
    expect(await ok('GetCurrentPreviewScene')).toEqual(on);

    await ok('SetCurrentPreviewScene', { sceneName: 'B' });
    expect(doc()).toMatchObject({ currentSceneUuid: demo.uuid, previewSceneUuid: b });
    expect(await ok('GetSceneList')).toMatchObject({ currentProgramSceneUuid: demo.uuid, currentPreviewSceneName: 'B', currentPreviewSceneUuid: b });
    await refused('SetCurrentPreviewScene', { sceneName: 'Nope' }, 600);
    await refused('SetCurrentPreviewScene', {}, 300);

    await ok('TriggerStudioModeTransition');
    expect(await ok('GetCurrentProgramScene')).toMatchObject({ sceneName: 'B', sceneUuid: b });
    expect(await ok('GetCurrentPreviewScene')).toMatchObject({ sceneName: demo.name, sceneUuid: demo.uuid });
    await ok('SetCurrentPreviewScene', { sceneUuid: b });
    expect((await ok('GetCurrentPreviewScene')).sceneName).toBe('B');

    // Off again: preview is hidden and refused, as in OBS; turning it off twice is no error.
    await ok('SetStudioModeEnabled', { studioModeEnabled: false });
    await ok('SetStudioModeEnabled', { studioModeEnabled: false });
    expect(await ok('GetSceneList')).toMatchObject({ currentPreviewSceneName: null, currentPreviewSceneUuid: null });
    await refused('GetCurrentPreviewScene', undefined, 506);
    await refused('TriggerStudioModeTransition', undefined, 506);
    // The T-bar too, before its fields are looked at (obs-websocket's order).
    for (const data of [undefined, {}, { position: 5 }, { position: 0.5 }]) await refused('SetTBarPosition', data, 506);
    expect(registry.list()).toEqual(
      expect.arrayContaining(['GetStudioModeEnabled', 'SetStudioModeEnabled', 'GetCurrentPreviewScene', 'SetCurrentPreviewScene', 'TriggerStudioModeTransition']),
    );
  });
});

describe('studio mode takes', () => {
  it('ignores a take while the transition of the last one runs, as OBS does (a double tap keeps the new scene)', async () => {
    const demo = doc().scenes[0]!;
    await ok('CreateScene', { sceneName: 'B' });
    await ok('SetCurrentSceneTransition', { transitionName: 'Fade' });
    // The longest fade OBS allows: it is still running when the second take comes.
    await ok('SetCurrentSceneTransitionDuration', { transitionDuration: 20_000 });
    await ok('SetStudioModeEnabled', { studioModeEnabled: true });
    await ok('SetCurrentPreviewScene', { sceneName: 'B' });
    await ok('TriggerStudioModeTransition');
    expect(studio.transitionCursor!()).toBeLessThan(1);
    await ok('TriggerStudioModeTransition');
    expect(await ok('GetCurrentProgramScene')).toMatchObject({ sceneName: 'B' });
    expect(await ok('GetCurrentPreviewScene')).toMatchObject({ sceneName: demo.name });
  });
});

describe('persistent data', () => {
  const G = 'OBS_WEBSOCKET_DATA_REALM_GLOBAL';
  const P = 'OBS_WEBSOCKET_DATA_REALM_PROFILE';
  const get = async (realm: string, slotName: string) => (await ok('GetPersistentData', { realm, slotName })).slotValue;

  it('keeps slots per realm; the profile realm follows the loaded profile through a switch and a rename', async () => {
    expect(await get(G, 'page')).toBeNull();
    await ok('SetPersistentData', { realm: G, slotName: 'page', slotValue: { deck: 2, labels: ['a', 'b'] } });
    expect(await get(G, 'page')).toEqual({ deck: 2, labels: ['a', 'b'] });
    // Two at once: neither is lost.
    await Promise.all([ok('SetPersistentData', { realm: G, slotName: 'x', slotValue: 1 }), ok('SetPersistentData', { realm: G, slotName: 'y', slotValue: 2 })]);
    expect([await get(G, 'x'), await get(G, 'y'), await get(G, 'page')]).toEqual([1, 2, { deck: 2, labels: ['a', 'b'] }]);

    await ok('SetPersistentData', { realm: P, slotName: 'score', slotValue: 7 });
    await ok('CreateProfile', { profileName: 'Second' });
    expect(await ok('GetProfileList')).toMatchObject({ currentProfileName: 'Second' });
    expect(await get(P, 'score')).toBeNull();
    expect(await get(G, 'x')).toBe(1);
    await ok('SetCurrentProfile', { profileName: 'Untitled' });
    expect(await get(P, 'score')).toBe(7);
    const renamed = await studio.execute('profile.rename', { name: 'Untitled', newName: 'Main show' });
    expect(renamed.ok).toBe(true);
    expect(await get(P, 'score')).toBe(7);
  });

  it('refuses a bad realm or a missing value as OBS does, caps a realm, and keeps a file it cannot read', async () => {
    expect(await refused('GetPersistentData', { realm: 'OBS_WEBSOCKET_DATA_REALM_SCENE', slotName: 'a' }, 600)).toBe('You have specified an invalid persistent data realm.');
    await refused('SetPersistentData', { realm: G, slotName: 'a' }, 300);
    await refused('SetPersistentData', { realm: G, slotName: 'a', slotValue: null }, 300);
    await refused('GetPersistentData', { realm: G }, 300);
    expect(await refused('SetPersistentData', { realm: G, slotName: 'big', slotValue: 'x'.repeat(1_100_000) }, 402)).toContain('at most 1024 KB');
    const file = path.join(dir, 'obs-websocket-data.json');
    await writeFile(file, 'not json');
    expect(await get(G, 'a')).toBeNull();
    await ok('SetPersistentData', { realm: G, slotName: 'a', slotValue: true });
    expect(await get(G, 'a')).toBe(true);
    const kept = (await readdir(dir)).filter((n) => n.startsWith('obs-websocket-data') && n !== 'obs-websocket-data.json');
    expect(kept.length).toBe(1);
    expect(await readFile(path.join(dir, kept[0]!), 'utf8')).toBe('not json');
  });
});

describe('scoreboard scores', () => {
  it('AddScore adds to the score the studio has, so presses at once all count, within 0..9999', async () => {
    const s = doc().scenes[0]!.name;
    await ok('CreateInput', { sceneName: s, inputName: 'Board', inputKind: 'scoreboard', inputSettings: { home_score: 9997 } });
    const add = (requestData: Record<string, unknown>) => call('CallVendorRequest', { vendorName: VENDOR_NAME, requestType: 'AddScore', requestData });
    const presses = await Promise.all([1, 2, 3, 4, 5].map(() => add({ inputName: 'Board', side: 'away', delta: 1 })));
    expect(presses.map((p) => p.requestStatus.code)).toEqual([100, 100, 100, 100, 100]);
    expect(input('Board').settings).toMatchObject({ away_score: 5 });
    await add({ inputName: 'Board', side: 'home', delta: 5 });
    expect(input('Board').settings).toMatchObject({ home_score: 9999 });
    await add({ inputName: 'Board', side: 'away', delta: -9 });
    expect(input('Board').settings).toMatchObject({ away_score: 0 });
    expect((await add({ inputName: 'Board', side: 'left', delta: 1 })).requestStatus.code).toBe(400);
    expect((await add({ inputName: 'Board', side: 'home', delta: 0.5 })).requestStatus.code).toBe(401);
    await ok('CreateInput', { sceneName: s, inputName: 'Not a board', inputKind: 'lower_third' });
    expect((await add({ inputName: 'Not a board', side: 'home', delta: 1 })).requestStatus).toMatchObject({ code: 602, comment: expect.stringContaining('not a scoreboard') });
  });
});

describe('clear words for odd input', () => {
  it('requestData that is not an object is none: a request that needs a field answers 301', async () => {
    const answer = await runRequest(registry, ctx, 'SetStudioModeEnabled', ['not', 'an', 'object'], { log: () => {} });
    expect(answer.requestStatus).toEqual({ result: false, code: 301, comment: 'Your request data is missing or invalid (non-object)' });
    expect((await runRequest(registry, ctx, 'GetSceneList', 'x', { log: () => {} })).requestStatus.code).toBe(100);
  });

  it('names the field of a name of only spaces, an unknown filter kind, and an empty lower-third queue', async () => {
    const s = doc().scenes[0]!.name;
    expect(await refused('CreateScene', { sceneName: '   ' }, 403)).toBe('The field value of `sceneName` must not be empty or only spaces.');
    expect(await refused('CreateSourceFilter', { sourceName: s, filterName: ' ', filterKind: 'color_filter_v2' }, 403)).toContain('`filterName`');
    expect(await refused('CreateInput', { sceneName: s, inputName: '\t', inputKind: 'color_source_v3' }, 403)).toContain('`inputName`');
    expect(await refused('GetSourceFilterDefaultSettings', { filterKind: 'nope' }, 607)).toContain('GetSourceFilterKindList');
    await ok('CreateInput', { sceneName: s, inputName: 'LT', inputKind: 'lower_third' });
    const show = (requestData: Record<string, unknown>) => call('CallVendorRequest', { vendorName: VENDOR_NAME, requestType: 'ShowLowerThird', requestData });
    const empty = await show({ inputName: 'LT', queueIndex: 0 });
    expect(empty.requestStatus).toMatchObject({ code: 604, comment: expect.stringContaining('has no queued entries') });
    expect((await show({ inputName: 'LT' })).requestStatus.code).toBe(100);
  });
});

describe('inputs', () => {
  it('creates a color source with an ABGR color and reads it back by name or UUID', async () => {
    const { inputUuid, sceneItemId } = await addColor('Red');
    expect(sceneItemId).toBeGreaterThan(0);
    const byName = await ok('GetInputSettings', { inputName: 'Red' });
    const byUuid = await ok('GetInputSettings', { inputUuid });
    expect(byName).toEqual(byUuid);
    expect(byName).toEqual({ inputKind: 'color_source_v3', inputSettings: { color: 0xff0000ff, width: 320, height: 180 } });
    const list = await ok('GetInputList', { inputKind: 'color_source_v3' });
    expect(list.inputs).toEqual([{ inputName: 'Red', inputUuid, inputKind: 'color_source_v3', unversionedInputKind: 'color_source', inputKindCaps: 1 }]);
    expect(((await ok('GetInputList')).inputs as unknown[]).length).toBe(doc().inputs.length);
  });

  it('checks creation like OBS', async () => {
    const s = doc().scenes[0]!.name;
    await refused('CreateInput', { sceneName: s, inputName: 'X' }, 300);
    expect(await refused('CreateInput', { sceneName: s, inputName: 'X', inputKind: 'decklink-input' }, 605)).toMatch(/not supported/);
    const clash = await refused('CreateInput', { sceneName: s, inputName: s, inputKind: 'color_source_v3' }, 601);
    expect(clash).toBe('A source already exists by that input name.');
    await refused('CreateInput', { sceneName: s, inputName: 'X', inputKind: 'color_source_v3', inputSettings: [] }, 401);
    await refused('CreateInput', { sceneName: s, inputName: 'X', inputKind: 'color_source_v3', sceneItemEnabled: 'no' }, 401);
    const { sceneItemId } = (await ok('CreateInput', { sceneName: s, inputName: 'Hidden', inputKind: 'color_source_v3', sceneItemEnabled: false })) as {
      sceneItemId: number;
    };
    expect(scene(s).items.find((i) => i.sceneItemId === sceneItemId)!.enabled).toBe(false);
  });

  it('kinds and defaults', async () => {
    const kinds = (await ok('GetInputKindList')).inputKinds as string[];
    expect(kinds).toContain('color_source_v3');
    expect((await ok('GetInputKindList', { unversioned: true })).inputKinds).toContain('color_source');
    for (const kind of kinds) expect((await ok('GetInputDefaultSettings', { inputKind: kind })).defaultInputSettings).toBeTypeOf('object');
    expect((await ok('GetInputDefaultSettings', { inputKind: 'color_source_v3' })).defaultInputSettings).toMatchObject({ color: 0xffd1d1d1 });
    await refused('GetInputDefaultSettings', { inputKind: 'color_source' }, 605);
    expect(await ok('GetSpecialInputs')).toEqual({ desktop1: null, desktop2: null, mic1: null, mic2: null, mic3: null, mic4: null });
  });

  it('settings overlay by default and reset when overlay is false', async () => {
    await addColor('C');
    await ok('SetInputSettings', { inputName: 'C', inputSettings: { color: 0xff00ff00 } });
    expect(input('C').settings).toMatchObject({ color: 0xff00ff00, width: 320, height: 180 });
    await ok('SetInputSettings', { inputName: 'C', inputSettings: { color: 0xffff0000 }, overlay: false });
    // Reset to the defaults: width/height 0 resolve to the canvas again.
    expect(input('C').settings).toMatchObject({ color: 0xffff0000, width: 1280, height: 720 });
    await refused('SetInputSettings', { inputName: 'C' }, 300);
    await refused('SetInputSettings', { inputName: 'C', inputSettings: { color: 'red' } }, 401);
  });

  it('renames and removes', async () => {
    await addColor('Old');
    await ok('SetInputName', { inputName: 'Old', newInputName: 'New' });
    expect(input('New')).toBeDefined();
    const clash = await refused('SetInputName', { inputName: 'New', newInputName: doc().scenes[0]!.name }, 601);
    expect(clash).toBe('A source already exists by that new input name.');
    await ok('RemoveInput', { inputName: 'New' });
    expect(input('New')).toBeUndefined();
    await refused('RemoveInput', { inputName: 'New' }, 600);
  });

  it('audio requests: 604 with the comment Companion expects, after the fields are checked', async () => {
    await addColor('Mute me');
    const audio = 'The specified input does not support audio.';
    const types = ['GetInputMute', 'ToggleInputMute', 'GetInputVolume', 'SetInputVolume', 'GetInputAudioBalance'];
    types.push('GetInputAudioSyncOffset', 'GetInputAudioMonitorType', 'GetInputAudioTracks');
    for (const type of types) {
      expect(await refused(type, { inputName: 'Mute me' }, 604), type).toBe(audio);
    }
    await refused('SetInputMute', { inputName: 'Mute me' }, 300);
    expect(await refused('SetInputMute', { inputName: 'Mute me', inputMuted: true }, 604)).toBe(audio);
    await refused('SetInputAudioBalance', { inputName: 'Mute me', inputAudioBalance: 2 }, 402);
    await refused('SetInputAudioSyncOffset', { inputName: 'Mute me', inputAudioSyncOffset: -1000 }, 402);
    expect(await refused('GetInputMute', { inputName: doc().scenes[0]!.name }, 602)).toBe('The specified source is not an input.');
  });

  it('a test tone has audio: mute and volume work', async () => {
    const sceneName = doc().scenes[0]!.name;
    const { inputUuid } = (await ok('CreateInput', { sceneName, inputName: 'Tone', inputKind: 'audio_test_tone' })) as { inputUuid: string };
    expect((await ok('GetInputList', { inputKind: 'audio_test_tone' })).inputs).toEqual([
      { inputName: 'Tone', inputUuid, inputKind: 'audio_test_tone', unversionedInputKind: 'audio_test_tone', inputKindCaps: 2 },
    ]);
    expect(await ok('GetInputSettings', { inputName: 'Tone' })).toEqual({ inputKind: 'audio_test_tone', inputSettings: { frequency: 440 } });
    expect(await ok('GetSourceActive', { sourceName: 'Tone' })).toMatchObject({ videoActive: true });

    expect(await ok('GetInputMute', { inputName: 'Tone' })).toEqual({ inputMuted: false });
    await ok('SetInputMute', { inputName: 'Tone', inputMuted: true });
    expect(input('Tone').muted).toBe(true);
    expect(await ok('GetInputMute', { inputUuid })).toEqual({ inputMuted: true });
    expect(await ok('ToggleInputMute', { inputName: 'Tone' })).toEqual({ inputMuted: false });
    expect(input('Tone').muted).toBe(false);
    await refused('SetInputMute', { inputName: 'Tone', inputMuted: 'yes' }, 401);

    expect(await ok('GetInputVolume', { inputName: 'Tone' })).toEqual({ inputVolumeMul: 1, inputVolumeDb: 0 });
    await ok('SetInputVolume', { inputName: 'Tone', inputVolumeMul: 0.5 });
    expect(input('Tone').volumeMul).toBe(0.5);
    const half = await ok('GetInputVolume', { inputName: 'Tone' });
    expect(half.inputVolumeDb).toBeCloseTo(-6.0206, 3);
    await ok('SetInputVolume', { inputName: 'Tone', inputVolumeDb: -20 });
    expect(input('Tone').volumeMul).toBeCloseTo(0.1, 10);
    await ok('SetInputVolume', { inputName: 'Tone', inputVolumeDb: 26 });
    expect(input('Tone').volumeMul).toBeCloseTo(19.95, 2);
    await ok('SetInputVolume', { inputName: 'Tone', inputVolumeMul: 0 });
    expect(await ok('GetInputVolume', { inputName: 'Tone' })).toEqual({ inputVolumeMul: 0, inputVolumeDb: -100 });

    expect(await refused('SetInputVolume', { inputName: 'Tone' }, 300)).toBe('You must specify one volume field.');
    const both = { inputName: 'Tone', inputVolumeMul: 1, inputVolumeDb: 0 };
    expect(await refused('SetInputVolume', both, 404)).toBe('You may only specify one volume field.');
    await refused('SetInputVolume', { inputName: 'Tone', inputVolumeMul: 21 }, 402);
    await refused('SetInputVolume', { inputName: 'Tone', inputVolumeDb: -101 }, 402);
    await refused('SetInputVolume', { inputName: 'Tone', inputVolumeMul: 'loud' }, 401);

    // GetVersion lists every mixer request now that each can succeed.
    expect(registry.list()).toEqual(
      expect.arrayContaining(['GetInputMute', 'SetInputMute', 'ToggleInputMute', 'GetInputVolume', 'SetInputVolume', 'SetInputAudioTracks']),
    );
  });

  it('a test tone has the rest of the mixer: balance, sync offset, monitoring and tracks, in OBS shapes', async () => {
    const sceneName = doc().scenes[0]!.name;
    await ok('CreateInput', { sceneName, inputName: 'Mix', inputKind: 'audio_test_tone' });
    const mix = { inputName: 'Mix' };

    expect(await ok('GetInputAudioBalance', mix)).toEqual({ inputAudioBalance: 0.5 });
    await ok('SetInputAudioBalance', { ...mix, inputAudioBalance: 0.25 });
    expect(input('Mix').balance).toBe(0.25);
    expect(await ok('GetInputAudioBalance', mix)).toEqual({ inputAudioBalance: 0.25 });
    await refused('SetInputAudioBalance', { ...mix, inputAudioBalance: 1.5 }, 402);
    await refused('SetInputAudioBalance', mix, 300);

    expect(await ok('GetInputAudioSyncOffset', mix)).toEqual({ inputAudioSyncOffset: 0 });
    await ok('SetInputAudioSyncOffset', { ...mix, inputAudioSyncOffset: 200 });
    expect(await ok('GetInputAudioSyncOffset', mix)).toEqual({ inputAudioSyncOffset: 200 });
    await ok('SetInputAudioSyncOffset', { ...mix, inputAudioSyncOffset: -950 });
    await ok('SetInputAudioSyncOffset', { ...mix, inputAudioSyncOffset: 20000 });
    expect(input('Mix').syncOffsetMs).toBe(20000);
    await refused('SetInputAudioSyncOffset', { ...mix, inputAudioSyncOffset: -951 }, 402);
    await refused('SetInputAudioSyncOffset', { ...mix, inputAudioSyncOffset: 20001 }, 402);

    expect(await ok('GetInputAudioMonitorType', mix)).toEqual({ monitorType: 'OBS_MONITORING_TYPE_NONE' });
    await ok('SetInputAudioMonitorType', { ...mix, monitorType: 'OBS_MONITORING_TYPE_MONITOR_AND_OUTPUT' });
    expect(input('Mix').monitorType).toBe('monitorAndOutput');
    await ok('SetInputAudioMonitorType', { ...mix, monitorType: 'OBS_MONITORING_TYPE_MONITOR_ONLY' });
    expect(await ok('GetInputAudioMonitorType', mix)).toEqual({ monitorType: 'OBS_MONITORING_TYPE_MONITOR_ONLY' });
    expect(await refused('SetInputAudioMonitorType', { ...mix, monitorType: 'LOUD' }, 400)).toMatch(/OBS_MONITORING_TYPE_NONE/);

    const all = { '1': true, '2': true, '3': true, '4': true, '5': true, '6': true };
    expect(await ok('GetInputAudioTracks', mix)).toEqual({ inputAudioTracks: all });
    await ok('SetInputAudioTracks', { ...mix, inputAudioTracks: { '2': false, '6': false, '9': false } });
    expect(await ok('GetInputAudioTracks', mix)).toEqual({ inputAudioTracks: { ...all, '2': false, '6': false } });
    expect(input('Mix').audioTracks).toEqual([true, false, true, true, true, false]);
    expect(await refused('SetInputAudioTracks', { ...mix, inputAudioTracks: { '1': 'no' } }, 401)).toBe(
      'The value of one of your tracks is not a boolean.',
    );
    expect(input('Mix').audioTracks[0]).toBe(true);
  });

  it('special inputs name the first desktop audio and microphone inputs; a device list lists its items', async () => {
    const sceneName = doc().scenes[0]!.name;
    await ok('CreateInput', { sceneName, inputName: 'Desk', inputKind: 'wasapi_output_capture' });
    await ok('CreateInput', { sceneName, inputName: 'Mic A', inputKind: 'pulse_input_capture' });
    await ok('CreateInput', { sceneName, inputName: 'Mic B', inputKind: 'audio_input', inputSettings: { device_id: 'usb-1' } });
    expect(input('Mic A').kind).toBe('audio_input');
    expect(input('Mic B').settings).toMatchObject({ device_id: 'usb-1', echo_cancellation: false, noise_suppression: false, auto_gain: false });
    expect(await ok('GetSpecialInputs')).toEqual({ desktop1: 'Desk', desktop2: null, mic1: 'Mic A', mic2: 'Mic B', mic3: null, mic4: null });

    // No renderer reported devices here: only the fixed "Default" choice.
    expect(await ok('GetInputPropertiesListPropertyItems', { inputName: 'Mic A', propertyName: 'device_id' })).toEqual({
      propertyItems: [{ itemName: 'Default', itemEnabled: true, itemValue: 'default' }],
    });
    await refused('GetInputPropertiesListPropertyItems', { inputName: 'Mic A', propertyName: 'nope' }, 600);
    await refused('GetInputPropertiesListPropertyItems', { inputName: 'Mic A', propertyName: 'auto_gain' }, 602);
    await refused('GetInputPropertiesListPropertyItems', { inputName: 'Mic A' }, 300);
  });
});

describe('scene items', () => {
  it('lists items with OBS fields', async () => {
    const s = doc().scenes[0]!;
    const { inputUuid, sceneItemId } = await addColor('Box', s.name);
    const items = (await ok('GetSceneItemList', { sceneUuid: s.uuid })).sceneItems as Record<string, unknown>[];
    expect(items).toHaveLength(scene(s.name).items.length);
    expect(items.map((i) => i.sceneItemIndex)).toEqual(items.map((_, n) => n));
    expect(items.at(-1)).toEqual({
      sceneItemId,
      sceneItemIndex: items.length - 1,
      sceneItemEnabled: true,
      sceneItemLocked: false,
      sceneItemTransform: expect.objectContaining({
        sourceWidth: 320, sourceHeight: 180, width: 320, height: 180,
        alignment: 5, boundsType: 'OBS_BOUNDS_NONE',
      }),
      sceneItemBlendMode: 'OBS_BLEND_NORMAL',
      sourceName: 'Box',
      sourceUuid: inputUuid,
      sourceType: 'OBS_SOURCE_TYPE_INPUT',
      inputKind: 'color_source_v3',
      isGroup: null,
    });
  });

  it('finds item ids by source name and offset', async () => {
    const s = doc().scenes[0]!.name;
    const { sceneItemId } = await addColor('Only', s);
    expect(await ok('GetSceneItemId', { sceneName: s, sourceName: 'Only' })).toEqual({ sceneItemId });
    expect(await ok('GetSceneItemId', { sceneName: s, sourceName: 'Only', searchOffset: -1 })).toEqual({ sceneItemId });
    await refused('GetSceneItemId', { sceneName: s, sourceName: 'Only', searchOffset: 1 }, 600);
    await refused('GetSceneItemId', { sceneName: s, sourceName: 'Only', searchOffset: -2 }, 402);
    expect(await ok('GetSceneItemSource', { sceneName: s, sceneItemId })).toEqual({ sourceName: 'Only', sourceUuid: input('Only').uuid });
  });

  it('moves an item with SetSceneItemTransform and reads it back', async () => {
    const s = doc().scenes[0]!.name;
    const { sceneItemId } = await addColor('Mover', s);
    await ok('SetSceneItemTransform', {
      sceneName: s,
      sceneItemId,
      sceneItemTransform: { positionX: 100, positionY: 50.5, rotation: 45, scaleX: 2, scaleY: 0.5, alignment: 0, cropLeft: 10.9 },
    });
    const t = (await ok('GetSceneItemTransform', { sceneName: s, sceneItemId })).sceneItemTransform;
    expect(t).toMatchObject({ positionX: 100, positionY: 50.5, rotation: 45, scaleX: 2, scaleY: 0.5, width: 640, height: 90, alignment: 0, cropLeft: 10 });
    // Bounds fields with OBS_BOUNDS_NONE change nothing and are accepted.
    await ok('SetSceneItemTransform', { sceneName: s, sceneItemId, sceneItemTransform: { boundsType: 'OBS_BOUNDS_NONE', boundsWidth: 10 } });
    // A bounding box: kept as given; width and height are then the box's, as OBS reports them.
    await ok('SetSceneItemTransform', {
      sceneName: s,
      sceneItemId,
      sceneItemTransform: { boundsType: 'OBS_BOUNDS_STRETCH', boundsAlignment: 10, boundsWidth: 300, boundsHeight: 200 },
    });
    const b = (await ok('GetSceneItemTransform', { sceneName: s, sceneItemId })).sceneItemTransform;
    expect(b).toMatchObject({ boundsType: 'OBS_BOUNDS_STRETCH', boundsAlignment: 10, boundsWidth: 300, boundsHeight: 200, width: 300, height: 200 });
  });

  it('refuses bad transforms with OBS codes', async () => {
    const s = doc().scenes[0]!.name;
    const { sceneItemId } = await addColor('T', s);
    const set = (sceneItemTransform: unknown) => ({ sceneName: s, sceneItemId, sceneItemTransform });
    await refused('SetSceneItemTransform', set({}), 403);
    expect(await refused('SetSceneItemTransform', set({ wobble: 1 }), 703)).toBe('You have not provided any valid transform changes.');
    await refused('SetSceneItemTransform', set({ rotation: 361 }), 402);
    await refused('SetSceneItemTransform', set({ positionX: 'left' }), 401);
    await refused('SetSceneItemTransform', set({ scaleX: 1000 }), 402);
    await refused('SetSceneItemTransform', set({ boundsType: 'OBS_BOUNDS_WOBBLY' }), 400);
    // OBS 31's crop to bounds is kept and read back (the compositor applies it).
    await ok('SetSceneItemTransform', set({ cropToBounds: true }));
    expect(((await ok('GetSceneItemTransform', { sceneName: s, sceneItemId })).sceneItemTransform as { cropToBounds: boolean }).cropToBounds).toBe(true);
    await refused('SetSceneItemTransform', set({ cropToBounds: 'yes' }), 401);
    await ok('SetSceneItemTransform', set({ cropToBounds: false }));
    // Not an OBS alignment (the studio's own check, through the command's error).
    expect((await call('SetSceneItemTransform', set({ boundsAlignment: 3 }))).requestStatus.result).toBe(false);
    await refused('SetSceneItemTransform', set({ boundsWidth: 0 }), 402);
    await refused('SetSceneItemTransform', set({ cropTop: -1 }), 402);
    // The studio's own rule (a zero scale) answers through the command's error.
    const zero = await call('SetSceneItemTransform', set({ scaleX: 0 }));
    expect(zero.requestStatus.result).toBe(false);
  });

  it('duplicates an item with its visibility, transform and crop, in its scene or another', async () => {
    const s = doc().scenes[0]!.name;
    const { sceneItemId } = await addColor('Dup', s);
    const ref = { sceneName: s, sceneItemId };
    await ok('SetSceneItemTransform', { ...ref, sceneItemTransform: { positionX: 40, positionY: 30, cropLeft: 8, rotation: 15 } });
    await ok('SetSceneItemEnabled', { ...ref, sceneItemEnabled: false });
    const copy = (await ok('DuplicateSceneItem', ref)).sceneItemId as number;
    expect(copy).not.toBe(sceneItemId);
    const original = (await ok('GetSceneItemTransform', ref)).sceneItemTransform;
    expect((await ok('GetSceneItemTransform', { sceneName: s, sceneItemId: copy })).sceneItemTransform).toEqual(original);
    expect(await ok('GetSceneItemEnabled', { sceneName: s, sceneItemId: copy })).toEqual({ sceneItemEnabled: false });
    expect(await ok('GetSceneItemSource', { sceneName: s, sceneItemId: copy })).toMatchObject({ sourceName: 'Dup' });

    await ok('CreateScene', { sceneName: 'Other' });
    const there = (await ok('DuplicateSceneItem', { ...ref, destinationSceneName: 'Other' })).sceneItemId as number;
    expect(scene('Other').items.map((i) => i.sceneItemId)).toEqual([there]);
    await refused('DuplicateSceneItem', { ...ref, destinationSceneName: 'Dup' }, 602);
    await refused('DuplicateSceneItem', { ...ref, destinationSceneName: 'Nope' }, 600);
    await refused('DuplicateSceneItem', { sceneName: s, sceneItemId: 999 }, 600);
  });

  it('enabled, locked, index and blend mode', async () => {
    const s = doc().scenes[0]!.name;
    const { sceneItemId } = await addColor('E', s);
    const ref = { sceneName: s, sceneItemId };
    const heard: string[] = [];
    const sub = studio.subscribe((e) => void (e.type.startsWith('item.') && heard.push(e.type)));
    await ok('SetSceneItemEnabled', { ...ref, sceneItemEnabled: false });
    expect(await ok('GetSceneItemEnabled', ref)).toEqual({ sceneItemEnabled: false });
    await ok('SetSceneItemLocked', { ...ref, sceneItemLocked: true });
    expect(await ok('GetSceneItemLocked', ref)).toEqual({ sceneItemLocked: true });
    // The same values again change nothing, so no event (libobs sends no signal either).
    await ok('SetSceneItemEnabled', { ...ref, sceneItemEnabled: false });
    await ok('SetSceneItemLocked', { ...ref, sceneItemLocked: true });
    sub.dispose();
    expect(heard).toEqual(['item.enabledChanged', 'item.lockedChanged']);
    await ok('SetSceneItemIndex', { ...ref, sceneItemIndex: 0 });
    expect(await ok('GetSceneItemIndex', ref)).toEqual({ sceneItemIndex: 0 });
    expect(scene(s).items[0]!.sceneItemId).toBe(sceneItemId);
    expect(await ok('GetSceneItemBlendMode', ref)).toEqual({ sceneItemBlendMode: 'OBS_BLEND_NORMAL' });
    await refused('SetSceneItemEnabled', ref, 300);
    await refused('SetSceneItemIndex', { ...ref, sceneItemIndex: -1 }, 402);
    await refused('GetSceneItemEnabled', { sceneName: s }, 300);
    await refused('GetSceneItemEnabled', { sceneName: s, sceneItemId: -1 }, 402);
    const missing = await refused('GetSceneItemEnabled', { sceneName: s, sceneItemId: 999 }, 600);
    expect(missing).toBe(`No scene items were found in scene \`${s}\` with the ID \`999\`.`);
    await ok('RemoveSceneItem', ref);
    await refused('RemoveSceneItem', ref, 600);
  });

  it('CreateSceneItem adds an existing input or a scene, never a scene inside itself', async () => {
    const s = doc().scenes[0]!.name;
    await addColor('Shared', s);
    expect(registry.list()).toContain('CreateSceneItem');
    const { sceneItemId } = (await ok('CreateSceneItem', { sceneName: s, sourceName: 'Shared', sceneItemEnabled: false })) as { sceneItemId: number };
    expect(scene(s).items.find((i) => i.sceneItemId === sceneItemId)).toMatchObject({ sourceUuid: input('Shared').uuid, enabled: false });
    await refused('CreateSceneItem', { sceneName: s }, 300);
    await refused('CreateSceneItem', { sceneName: s, sourceName: s }, 703);
    await ok('CreateScene', { sceneName: 'Inner' });
    await ok('CreateSceneItem', { sceneName: s, sourceName: 'Inner' });
    expect(await refused('CreateSceneItem', { sceneName: 'Inner', sourceName: s }, 703)).toContain('would put the scene inside itself');
  });
});

describe('sources', () => {
  it('GetSourceActive follows the program scene and item visibility', async () => {
    const s = doc().scenes[0]!.name;
    const { sceneItemId } = await addColor('Live', s);
    expect(await ok('GetSourceActive', { sourceName: 'Live' })).toEqual({ videoActive: true, videoShowing: true });
    expect(await ok('GetSourceActive', { sourceName: s })).toEqual({ videoActive: true, videoShowing: true });
    await ok('SetSceneItemEnabled', { sceneName: s, sceneItemId, sceneItemEnabled: false });
    expect(await ok('GetSourceActive', { sourceUuid: input('Live').uuid })).toEqual({ videoActive: false, videoShowing: false });
    await ok('CreateScene', { sceneName: 'Other' });
    expect(await ok('GetSourceActive', { sourceName: 'Other' })).toEqual({ videoActive: false, videoShowing: false });
  });

  it('screenshots check their fields, then need a connected renderer', async () => {
    const s = doc().scenes[0]!.name;
    await refused('GetSourceScreenshot', { sourceName: s }, 300);
    expect(await refused('GetSourceScreenshot', { sourceName: s, imageFormat: 'gif' }, 400)).toBe(
      'Your specified image format is invalid or not supported by this system.',
    );
    await refused('GetSourceScreenshot', { sourceName: s, imageFormat: 'png', imageWidth: 4 }, 402);
    await refused('GetSourceScreenshot', { sourceName: s, imageFormat: 'png', imageCompressionQuality: 101 }, 402);
    // No renderer in this test: the studio says it is not ready.
    await refused('GetSourceScreenshot', { sourceName: s, imageFormat: 'png' }, 207);
    await refused('SaveSourceScreenshot', { sourceName: s, imageFormat: 'png', imageFilePath: 'relative.png' }, 400);
    await refused('SaveSourceScreenshot', { sourceName: s, imageFormat: 'png', imageFilePath: path.join(dir, 'missing', 'x.png') }, 600);
    await refused('SaveSourceScreenshot', { sourceName: s, imageFormat: 'png', imageFilePath: path.join(dir, 'x.png') }, 207);
    await expect(readFile(path.join(dir, 'x.png'))).rejects.toThrow();
  });
});

describe('filters, transitions, ui, outputs, record, media', () => {
  it('filters: the registered kinds, and an empty chain on every source to start with', async () => {
    const s = doc().scenes[0]!.name;
    expect(await ok('GetSourceFilterKindList')).toEqual({ sourceFilterKinds: FILTER_KINDS.map((k) => k.id) });
    expect(await ok('GetSourceFilterList', { sourceName: s })).toEqual({ filters: [] });
    await refused('GetSourceFilterList', { sourceName: 'Nope' }, 600);
    const missing = await refused('GetSourceFilter', { sourceName: s, filterName: 'Blur' }, 600);
    expect(missing).toBe(`No filter was found in the source \`${s}\` with the name \`Blur\`.`);
    await refused('SetSourceFilterEnabled', { sourceName: s }, 300);
    await refused('CreateSourceFilter', { sourceName: s, filterName: 'Blur', filterKind: 'blur' }, 607);
    await refused('GetSourceFilterDefaultSettings', { filterKind: 'blur' }, 607);
  });

  it('transitions: one per kind, Cut at first; set by name, duration and settings', async () => {
    const list = await ok('GetSceneTransitionList');
    expect(list).toMatchObject({ currentSceneTransitionName: 'Cut', currentSceneTransitionKind: 'cut_transition' });
    expect((list.transitions as { transitionName: string }[]).map((t) => t.transitionName)).toEqual(['Cut', 'Fade', 'Fade to Color', 'Slide', 'Swipe', 'Luma Wipe', 'Stinger']);
    expect(list.transitions).toContainEqual(expect.objectContaining({ transitionName: 'Cut', transitionFixed: true, transitionConfigurable: false }));
    expect(await ok('GetCurrentSceneTransition')).toMatchObject({ transitionName: 'Cut', transitionDuration: null, transitionSettings: null });
    expect(await ok('GetTransitionKindList')).toEqual({
      transitionKinds: ['cut_transition', 'fade_transition', 'fade_to_color_transition', 'slide_transition', 'swipe_transition', 'luma_wipe_transition', 'obs_stinger_transition'],
    });
    await refused('SetCurrentSceneTransition', { transitionName: 'Wipe' }, 600);
    await refused('SetCurrentSceneTransitionSettings', { transitionSettings: {} }, 606);
    expect(await ok('GetCurrentSceneTransitionCursor')).toEqual({ transitionCursor: 1 });
    await ok('SetCurrentSceneTransition', { transitionName: 'Slide' });
    // Read into an int, as OBS does: 700.9 is 700.
    await ok('SetCurrentSceneTransitionDuration', { transitionDuration: 700.9 });
    await refused('SetCurrentSceneTransitionDuration', { transitionDuration: 20 }, 402);
    await ok('SetCurrentSceneTransitionSettings', { transitionSettings: { direction: 'up' } });
    expect(await ok('GetCurrentSceneTransition')).toMatchObject({
      transitionName: 'Slide',
      transitionKind: 'slide_transition',
      transitionDuration: 700,
      transitionConfigurable: true,
      transitionSettings: { direction: 'up' },
    });
    await refused('SetCurrentSceneTransitionSettings', { transitionSettings: { direction: 'sideways' } }, 400);
    // Each transition is its own, as each of OBS's is a source: away and back keeps its settings.
    await ok('SetCurrentSceneTransition', { transitionName: 'Fade to Color' });
    await ok('SetCurrentSceneTransitionSettings', { transitionSettings: { switch_point: 30 } });
    await ok('SetCurrentSceneTransition', { transitionName: 'Fade' });
    await ok('SetCurrentSceneTransition', { transitionName: 'Slide' });
    expect(await ok('GetCurrentSceneTransition')).toMatchObject({ transitionName: 'Slide', transitionDuration: 700, transitionSettings: { direction: 'up' } });
    await ok('SetCurrentSceneTransition', { transitionName: 'Fade to Color' });
    expect((await ok('GetCurrentSceneTransition')).transitionSettings).toEqual({ color: 0xff000000, switch_point: 30 });
    await ok('SetCurrentSceneTransition', { transitionName: 'Swipe' });
    expect((await ok('GetCurrentSceneTransition')).transitionSettings).toEqual({ direction: 'left', swipe_in: false });
    await ok('SetCurrentSceneTransition', { transitionName: 'Cut' });
    await refused('TriggerStudioModeTransition', undefined, 506);
  });

  it('ui: studio mode starts off; no monitors', async () => {
    expect(await ok('GetStudioModeEnabled')).toEqual({ studioModeEnabled: false });
    await ok('SetStudioModeEnabled', { studioModeEnabled: false });
    await refused('SetStudioModeEnabled', {}, 300);
    expect(await ok('GetMonitorList')).toEqual({ monitors: [] });
  });

  it('outputs and stream while idle', async () => {
    const outputs = (await ok('GetOutputList')).outputs as Record<string, unknown>[];
    expect(outputs.map((o) => [o.outputName, o.outputKind, o.outputActive])).toEqual([
      ['simple_stream', 'rtmp_output', false],
      ['simple_file_output', 'ffmpeg_muxer', false],
      ['Replay Buffer', 'replay_buffer', false],
    ]);
    const idle = {
      outputActive: false, outputReconnecting: false, outputTimecode: '00:00:00.000', outputDuration: 0,
      outputCongestion: 0, outputBytes: 0, outputSkippedFrames: 0, outputTotalFrames: 0,
    };
    expect(await ok('GetOutputStatus', { outputName: 'simple_stream' })).toEqual(idle);
    expect(await ok('GetStreamStatus')).toEqual(idle);
    await refused('GetOutputStatus', { outputName: 'adv_stream' }, 600);
    await refused('StopStream', undefined, 501);
    // No destination yet: the engine refuses to start and says why.
    expect(await refused('StartStream', undefined, 604)).toMatch(/destination/);
    // The replay buffer is there, and off: what needs it running answers OBS's 501.
    expect(await ok('GetReplayBufferStatus')).toEqual({ outputActive: false });
    for (const type of ['SaveReplayBuffer', 'StopReplayBuffer', 'GetLastReplayBufferReplay']) await refused(type, undefined, 501);
    expect(registry.list()).toEqual(expect.arrayContaining(['StartReplayBuffer', 'StopReplayBuffer', 'ToggleReplayBuffer', 'SaveReplayBuffer', 'GetReplayBufferStatus', 'GetLastReplayBufferReplay']));
    expect(await ok('GetVirtualCamStatus')).toEqual({ outputActive: false });
    await refused('SendStreamCaption', { captionText: 'hi' }, 702);
  });

  it('record: stopped while idle, and pausing is not supported (record.test.ts maps a working recorder)', async () => {
    expect(await ok('GetRecordStatus')).toEqual({
      outputActive: false, outputPaused: false,
      outputTimecode: '00:00:00.000', outputDuration: 0, outputBytes: 0,
    });
    expect(await ok('GetOutputStatus', { outputName: 'simple_file_output' })).toMatchObject({ outputActive: false, outputBytes: 0 });
    for (const type of ['PauseRecord', 'ResumeRecord', 'ToggleRecordPause']) expect(await refused(type, undefined, 604)).toBe(NO_PAUSE);
  });

  it('media inputs: nothing plays', async () => {
    await addColor('Still');
    expect(await ok('GetMediaInputStatus', { inputName: 'Still' })).toEqual({ mediaState: 'OBS_MEDIA_STATE_NONE', mediaDuration: null, mediaCursor: null });
    await refused('SetMediaInputCursor', { inputName: 'Still', mediaCursor: 10 }, 604);
    await ok('TriggerMediaInputAction', { inputName: 'Still', mediaAction: 'OBS_WEBSOCKET_MEDIA_INPUT_ACTION_PLAY' });
    await refused('TriggerMediaInputAction', { inputName: 'Still', mediaAction: 'OBS_WEBSOCKET_MEDIA_INPUT_ACTION_NONE' }, 400);
  });
});

describe('vendor: destinations', () => {
  const vendor = (requestType: string, requestData?: unknown) => ({
    vendorName: VENDOR_NAME,
    requestType,
    ...(requestData !== undefined && { requestData }),
  });

  it('create, list, update, status and remove, never returning the key', async () => {
    const created = (await ok('CallVendorRequest', vendor('CreateDestination', { name: 'Main', server: 'rtmp://live.example.com/app', key: KEY })))
      .responseData as { destinationId: string };
    const id = created.destinationId;
    const list = (await ok('CallVendorRequest', vendor('GetDestinationList'))).responseData as { destinations: Record<string, unknown>[] };
    expect(list.destinations).toEqual([
      expect.objectContaining({ destinationId: id, name: 'Main', server: 'rtmp://live.example.com/app', hasKey: true, enabled: true, state: 'idle' }),
    ]);
    expect(JSON.stringify(list)).not.toContain(KEY);
    await ok('CallVendorRequest', vendor('SetDestinationSettings', { destinationId: id, name: 'Renamed', enabled: false }));
    expect(doc().destinations[0]).toMatchObject({ name: 'Renamed', enabled: false, hasKey: true });
    // OBS's stream "Audio Track": 1 by default, 1..6.
    expect(list.destinations[0]).toMatchObject({ audioTrack: 1 });
    await ok('CallVendorRequest', vendor('SetDestinationSettings', { destinationId: id, audioTrack: 3 }));
    expect(doc().destinations[0]).toMatchObject({ audioTrack: 3 });
    await refused('CallVendorRequest', vendor('SetDestinationSettings', { destinationId: id, audioTrack: 7 }), 402);
    const status = (await ok('CallVendorRequest', vendor('GetDestinationStatus', { destinationId: id }))).responseData;
    expect(status).toEqual({
      destinationId: id, state: 'idle', bitrateKbps: 0, bytesSent: 0, droppedFrames: 0,
      reconnects: 0, lastError: null, uptimeMs: 0, congestion: 0, viewers: null, viewersNote: 'not available while the destination is not sending',
    });
    await ok('CallVendorRequest', vendor('RemoveDestination', { destinationId: id }));
    expect(doc().destinations).toEqual([]);
    const gone = await refused('CallVendorRequest', vendor('GetDestinationStatus', { destinationId: id }), 600);
    expect(gone).toBe(`No destination was found with the id \`${id}\`.`);
  });

  it('checks fields', async () => {
    await refused('CallVendorRequest', vendor('CreateDestination', { name: 'No server' }), 300);
    await refused('CallVendorRequest', vendor('CreateDestination', { server: 'rtmp://a.example.com/x', enabled: 'yes' }), 401);
    await refused('CallVendorRequest', vendor('CreateDestination', { server: 'rtmp://a.example.com/x', rendition: 5 }), 401);
    await refused('CallVendorRequest', vendor('SetDestinationSettings', {}), 300);
    await refused('CallVendorRequest', vendor('StartDestination', { destinationId: 'nope' }), 600);
    const bad = await call('CallVendorRequest', vendor('CreateDestination', { server: 'ftp://a.example.com' }));
    expect(bad.requestStatus.result).toBe(false);
    expect(doc().destinations).toEqual([]);
  });

  it('the stats requests answer from the engine: an idle studio loses no frames (vendor-stats.test.ts maps the fields)', async () => {
    const data = async (requestType: string) => (await ok('CallVendorRequest', vendor(requestType))).responseData as Record<string, unknown>;
    expect(await data('GetDiagnosis')).toMatchObject({ severity: 'ok', where: 'none', destinationId: null });
    expect(await data('GetBandwidthBudget')).toMatchObject({ perDestination: [] });
    expect((await data('GetStatsHistory'))['samples']).toBeInstanceOf(Array);
  });
});
