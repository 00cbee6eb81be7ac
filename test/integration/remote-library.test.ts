/**
 * Scene collections, profiles and the OBS import over obs-websocket, driven by the real
 * obs-websocket-js client against a real Studio's request registry, event source and transport:
 * the vendor request ImportObsSceneCollection imports a collection written the way OBS 30 writes it,
 * and what came over is read back with GetSceneList / GetSceneItemList / GetSourceFilterList /
 * GetInputVolume; the Config events bracket each switch; keys from service.json never come back.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventSubscription, type OBSRequestTypes } from 'obs-websocket-js';
import type { Studio } from '../../src/engine/api';
import { VENDOR_NAME } from '../../src/engine/remote/types';
import { refused, startInProcessRemote, type InProcessRemote } from '../harness/in-process-remote';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/obs');

let remote: InProcessRemote;
let studio: Studio;
let dataDir: string;
let obs: InProcessRemote['obs'];
let heard: InProcessRemote['heard'];

beforeAll(async () => {
  remote = await startInProcessRemote({
    prefix: 'bs-remote-library-',
    eventSubscriptions: EventSubscription.Config,
    listen: [
      'CurrentSceneCollectionChanging',
      'CurrentSceneCollectionChanged',
      'SceneCollectionListChanged',
      'CurrentProfileChanging',
      'CurrentProfileChanged',
      'ProfileListChanged',
    ],
  });
  ({ studio, dataDir, obs, heard } = remote);
});

afterAll(async () => {
  await remote?.close();
});

/** Waits until an event of this type has arrived, and takes the events up to it. */
async function until(type: string): Promise<typeof heard> {
  const deadline = Date.now() + 5000;
  while (!heard.some((h) => h.type === type)) {
    if (Date.now() > deadline) throw new Error(`no ${type} arrived: ${JSON.stringify(heard)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return heard.splice(0, heard.findIndex((h) => h.type === type) + 1);
}

const vendor = async (requestType: string, requestData: OBSRequestTypes['CallVendorRequest']['requestData']) =>
  (await obs.call('CallVendorRequest', { vendorName: VENDOR_NAME, requestType, requestData })).responseData as Record<string, unknown>;

describe('OBS import over obs-websocket', () => {
  it('imports a collection by path, switches to it, and the scenes, items, filters and mixer read back', async () => {
    const r = await vendor('ImportObsSceneCollection', { path: path.join(FIXTURES, 'show.json') });
    expect(r['sceneCollectionName']).toBe('Evening Show');
    const skipped = r['skipped'] as { name: string; reason: string }[];
    expect(skipped).toEqual(
      expect.arrayContaining([
        { name: 'Visualizer', reason: expect.stringContaining('spectralizer_source') },
        { name: 'Glitch shader', reason: expect.stringContaining('obs_shaderfilter') },
      ]),
    );
    // OBS's other transition, a Stinger, comes over with its settings under its kind.
    expect(skipped.map((s) => s.name)).not.toContain('Stinger');
    // The nested scene and the group come over as they are.
    expect(skipped.map((s) => s.name)).not.toContain('Be right back');
    expect(skipped.map((s) => s.name)).not.toContain('Lower third group');
    const switched = await until('CurrentSceneCollectionChanged');
    expect(switched.map((h) => h.type)).toEqual(['SceneCollectionListChanged', 'CurrentSceneCollectionChanging', 'CurrentSceneCollectionChanged']);
    expect(switched[1]!.data).toEqual({ sceneCollectionName: 'Untitled' });
    expect(switched[2]!.data).toEqual({ sceneCollectionName: 'Evening Show' });
    expect(await obs.call('GetSceneCollectionList')).toEqual({ currentSceneCollectionName: 'Evening Show', sceneCollections: ['Untitled', 'Evening Show'] });

    const scenes = await obs.call('GetSceneList');
    expect(scenes.currentProgramSceneName).toBe('Main');
    expect(scenes.scenes.map((s) => s['sceneName']).sort()).toEqual(['Be right back', 'Main']);

    const { sceneItems } = await obs.call('GetSceneItemList', { sceneName: 'Main' });
    const item = (name: string) => sceneItems.find((i) => i['sourceName'] === name) as Record<string, unknown> & { sceneItemTransform: Record<string, unknown> };
    expect(item('Logo')).toMatchObject({ sceneItemId: 4, sceneItemEnabled: false, sceneItemLocked: false, inputKind: 'image_source' });
    expect(item('Logo').sceneItemTransform).toMatchObject({ positionX: 1180, positionY: 60, rotation: 15, scaleX: 0.25, scaleY: 0.25, alignment: 0 });
    expect(item('Backdrop')).toMatchObject({ sceneItemId: 1, sceneItemLocked: true });
    expect(item('Backdrop').sceneItemTransform['scaleX']).toBeCloseTo(2 / 3, 6);
    // The group, its items relative to it (GetGroupSceneItemList), and the nested scene.
    expect(item('Lower third group')).toMatchObject({ sceneItemId: 5, isGroup: true, sourceType: 'OBS_SOURCE_TYPE_SCENE' });
    expect(item('Lower third group').sceneItemTransform).toMatchObject({ positionX: 100, positionY: 560 });
    expect(await obs.call('GetGroupList')).toEqual({ groups: ['Lower third group'] });
    const group = await obs.call('GetGroupSceneItemList', { sceneName: 'Lower third group' });
    const name = group.sceneItems.find((i) => i['sourceName'] === 'Name') as Record<string, unknown> & { sceneItemTransform: Record<string, unknown> };
    expect(name.sceneItemTransform).toMatchObject({ positionX: 20, positionY: 30, scaleX: 0.5 });
    expect(name).toMatchObject({ sceneItemEnabled: false, sceneItemLocked: true });
    expect(item('Be right back')).toMatchObject({ sceneItemId: 7, isGroup: false, sourceType: 'OBS_SOURCE_TYPE_SCENE' });
    expect(sceneItems.some((i) => i['sourceName'] === 'Visualizer')).toBe(false);

    const { filters } = await obs.call('GetSourceFilterList', { sourceName: 'Name' });
    expect(filters).toEqual([expect.objectContaining({ filterName: 'Chroma Key', filterKind: 'chroma_key_filter_v2', filterEnabled: true, filterSettings: expect.objectContaining({ similarity: 420 }) })]);
    expect(await obs.call('GetInputVolume', { inputName: 'Intro clip' })).toMatchObject({ inputVolumeMul: 2 });
    expect(await obs.call('GetInputSettings', { inputName: 'Intro clip' })).toMatchObject({ inputSettings: { local_file: '/home/ada/Videos/intro.mp4', looping: true } });
  });

  it('refuses a path it cannot read and a file that is not an OBS collection, naming why', async () => {
    expect(await refused(vendor('ImportObsSceneCollection', { path: path.join(FIXTURES, 'missing.json') }))).toMatchObject({ code: 600 });
    expect(await refused(vendor('ImportObsSceneCollection', { path: 'show.json' }))).toMatchObject({ code: 400, message: expect.stringContaining('absolute') });
    expect(await refused(vendor('ImportObsSceneCollection', { path: path.join(FIXTURES, 'service-custom.json') }))).toMatchObject({
      code: 400,
      message: expect.stringContaining('not an OBS scene collection'),
    });
  });

  it('switches collections back and removes one (vendor), with the Config events', async () => {
    await obs.call('SetCurrentSceneCollection', { sceneCollectionName: 'Untitled' });
    const back = await until('CurrentSceneCollectionChanged');
    expect(back.at(-1)!.data).toEqual({ sceneCollectionName: 'Untitled' });
    expect((await obs.call('GetSceneList')).scenes.map((s) => s['sceneName'])).not.toContain('Main');
    await vendor('RemoveSceneCollection', { sceneCollectionName: 'Evening Show' });
    expect((await until('SceneCollectionListChanged')).at(-1)!.data).toEqual({ sceneCollections: ['Untitled'] });
    expect(await refused(vendor('RemoveSceneCollection', { sceneCollectionName: 'Untitled' }))).toMatchObject({ code: 604 });
  });

  it('profiles: create, switch, remove; a service.json key reaches the secret store and no reply', async () => {
    await obs.call('CreateProfile', { profileName: 'Tour' });
    const created = await until('CurrentProfileChanged');
    expect(created.map((h) => h.type)).toEqual(['ProfileListChanged', 'CurrentProfileChanging', 'CurrentProfileChanged']);
    expect(created.at(-1)!.data).toEqual({ profileName: 'Tour' });
    const r = await vendor('ImportObsStreamService', { path: path.join(FIXTURES, 'service-custom.json') });
    expect(JSON.stringify(r)).not.toContain('live_fixture_key_5f2b');
    const { destinationId } = r as { destinationId: string };
    const list = await vendor('GetDestinationList', {});
    expect(list['destinations']).toEqual([expect.objectContaining({ destinationId, server: 'rtmp://127.0.0.1:1935/live', hasKey: true })]);
    expect(JSON.stringify(list)).not.toContain('live_fixture_key_5f2b');
    expect(await studio.execute('profile.export', { name: 'Tour' })).toMatchObject({ ok: true, value: { json: expect.not.stringContaining('live_fixture_key_5f2b') } });

    await obs.call('SetCurrentProfile', { profileName: 'Untitled' });
    await until('CurrentProfileChanged');
    expect((await vendor('GetDestinationList', {}))['destinations']).toEqual([]);
    await obs.call('RemoveProfile', { profileName: 'Tour' });
    expect((await until('ProfileListChanged')).at(-1)!.data).toEqual({ profiles: ['Untitled'] });
    expect(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')).not.toContain('live_fixture_key_5f2b');
  });
});
