/**
 * Source filters over obs-websocket, driven by the real obs-websocket-js client (msgpack build)
 * against the real request registry, event source and transport of a real Studio: kinds and their
 * defaults, create/list/get, rename, reorder, settings (overlay on and off), enable, remove, on an
 * input and on a scene, the errors clients see, and every SourceFilter* event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventSubscription } from 'obs-websocket-js';
import { refused, startInProcessRemote, type InProcessRemote } from '../harness/in-process-remote';

let remote: InProcessRemote;
let obs: InProcessRemote['obs'];
let heard: InProcessRemote['heard'];

beforeAll(async () => {
  remote = await startInProcessRemote({
    prefix: 'bs-remote-filters-',
    eventSubscriptions: EventSubscription.Filters,
    listen: [
      'SourceFilterCreated',
      'SourceFilterRemoved',
      'SourceFilterNameChanged',
      'SourceFilterSettingsChanged',
      'SourceFilterEnableStateChanged',
      'SourceFilterListReindexed',
    ],
  });
  ({ obs, heard } = remote);
});

afterAll(async () => {
  await remote?.close();
});

/** Waits until `count` filter events have arrived (events trail their request's reply). */
async function heardAfter(count: number): Promise<typeof heard> {
  const deadline = Date.now() + 5000;
  while (heard.length < count) {
    if (Date.now() > deadline) throw new Error(`only ${heard.length} of ${count} filter events arrived: ${JSON.stringify(heard)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return heard.splice(0, count);
}

describe('source filters over obs-websocket', () => {
  it('lists the registered filter kinds and their defaults', async () => {
    const { sourceFilterKinds } = await obs.call('GetSourceFilterKindList');
    expect(sourceFilterKinds).toEqual(expect.arrayContaining(['color_filter_v2', 'chroma_key_filter_v2', 'crop_filter', 'blur_filter']));
    const { defaultFilterSettings } = await obs.call('GetSourceFilterDefaultSettings', { filterKind: 'color_filter_v2' });
    expect(defaultFilterSettings).toMatchObject({ gamma: 0, contrast: 0, brightness: 0, saturation: 0, hue_shift: 0, opacity: 1 });
    expect(await refused(obs.call('GetSourceFilterDefaultSettings', { filterKind: 'warp' }))).toMatchObject({ code: 607 });
    const { availableRequests } = await obs.call('GetVersion');
    expect(availableRequests).toEqual(expect.arrayContaining(['CreateSourceFilter', 'SetSourceFilterIndex', 'GetSourceFilter']));
  });

  it('creates, reads, renames, reorders, sets and removes filters on an input, with OBS events', async () => {
    const { currentProgramSceneName } = await obs.call('GetSceneList');
    await obs.call('CreateInput', { sceneName: currentProgramSceneName, inputName: 'Filtered', inputKind: 'color_source_v3', inputSettings: {} });
    const sourceName = 'Filtered';
    expect(await obs.call('GetSourceFilterList', { sourceName })).toEqual({ filters: [] });

    await obs.call('CreateSourceFilter', { sourceName, filterName: 'Grade', filterKind: 'color_filter_v2', filterSettings: { gamma: 0.25 } });
    await obs.call('CreateSourceFilter', { sourceName, filterName: 'Crop', filterKind: 'crop_filter' });
    const created = await heardAfter(2);
    expect(created[0]).toMatchObject({
      type: 'SourceFilterCreated',
      data: { sourceName, filterName: 'Grade', filterKind: 'color_filter_v2', filterIndex: 0, filterSettings: { gamma: 0.25 }, defaultFilterSettings: { gamma: 0 } },
    });
    expect(created[1]).toMatchObject({ type: 'SourceFilterCreated', data: { filterName: 'Crop', filterIndex: 1 } });

    expect(await obs.call('GetSourceFilter', { sourceName, filterName: 'Grade' })).toMatchObject({
      filterEnabled: true,
      filterIndex: 0,
      filterKind: 'color_filter_v2',
      filterSettings: { gamma: 0.25, opacity: 1 },
    });

    await obs.call('SetSourceFilterName', { sourceName, filterName: 'Grade', newFilterName: 'Look' });
    expect(await heardAfter(1)).toEqual([{ type: 'SourceFilterNameChanged', data: { sourceName, oldFilterName: 'Grade', filterName: 'Look' } }]);

    // OBS moves a filter as far as it can: an index past the end puts it last.
    await obs.call('SetSourceFilterIndex', { sourceName, filterName: 'Look', filterIndex: 40 });
    const [reindexed] = await heardAfter(1);
    expect(reindexed!.type).toBe('SourceFilterListReindexed');
    expect((reindexed!.data['filters'] as { filterName: string; filterIndex: number }[]).map((f) => [f.filterName, f.filterIndex])).toEqual([
      ['Crop', 0],
      ['Look', 1],
    ]);

    await obs.call('SetSourceFilterSettings', { sourceName, filterName: 'Crop', filterSettings: { left: 8 } });
    await obs.call('SetSourceFilterSettings', { sourceName, filterName: 'Crop', filterSettings: { top: 4 } });
    expect((await obs.call('GetSourceFilter', { sourceName, filterName: 'Crop' })).filterSettings).toMatchObject({ left: 8, top: 4 });
    await obs.call('SetSourceFilterSettings', { sourceName, filterName: 'Crop', filterSettings: { right: 2 }, overlay: false });
    expect((await obs.call('GetSourceFilter', { sourceName, filterName: 'Crop' })).filterSettings).toMatchObject({ left: 0, top: 0, right: 2 });
    const changed = await heardAfter(3);
    expect(changed.map((e) => e.type)).toEqual(Array(3).fill('SourceFilterSettingsChanged'));
    expect(changed[2]!.data).toMatchObject({ sourceName, filterName: 'Crop', filterSettings: { right: 2, left: 0 } });

    await obs.call('SetSourceFilterEnabled', { sourceName, filterName: 'Crop', filterEnabled: false });
    expect(await heardAfter(1)).toEqual([{ type: 'SourceFilterEnableStateChanged', data: { sourceName, filterName: 'Crop', filterEnabled: false } }]);
    expect((await obs.call('GetSourceFilterList', { sourceName })).filters).toEqual([
      { filterEnabled: false, filterIndex: 0, filterKind: 'crop_filter', filterName: 'Crop', filterSettings: expect.objectContaining({ right: 2 }) },
      { filterEnabled: true, filterIndex: 1, filterKind: 'color_filter_v2', filterName: 'Look', filterSettings: expect.objectContaining({ gamma: 0.25 }) },
    ]);

    await obs.call('RemoveSourceFilter', { sourceName, filterName: 'Crop' });
    expect(await heardAfter(1)).toEqual([{ type: 'SourceFilterRemoved', data: { sourceName, filterName: 'Crop' } }]);
    expect((await obs.call('GetSourceFilterList', { sourceName })).filters.map((f) => f['filterName'])).toEqual(['Look']);
  });

  it('filters a scene too, and refuses what OBS refuses with its codes', async () => {
    const { currentProgramSceneName: sceneName, currentProgramSceneUuid: sceneUuid } = await obs.call('GetSceneList');
    await obs.call('CreateSourceFilter', { sourceUuid: sceneUuid, filterName: 'Soft', filterKind: 'blur_filter', filterSettings: { radius: 2 } });
    expect(await heardAfter(1)).toMatchObject([{ type: 'SourceFilterCreated', data: { sourceName: sceneName, filterName: 'Soft', filterKind: 'blur_filter' } }]);
    expect((await obs.call('GetSourceFilterList', { sourceName: sceneName })).filters).toMatchObject([{ filterName: 'Soft', filterSettings: { radius: 2 } }]);

    expect(await refused(obs.call('CreateSourceFilter', { sourceName: sceneName, filterName: 'Soft', filterKind: 'crop_filter' }))).toEqual({
      code: 601,
      message: 'A filter already exists by that name.',
    });
    expect(await refused(obs.call('CreateSourceFilter', { sourceName: sceneName, filterName: 'X', filterKind: 'warp' }))).toMatchObject({ code: 607 });
    expect(await refused(obs.call('CreateSourceFilter', { sourceName: 'Nobody', filterName: 'X', filterKind: 'crop_filter' }))).toEqual({
      code: 600,
      message: 'No source was found by the name of `Nobody`.',
    });
    expect(await refused(obs.call('GetSourceFilter', { sourceName: sceneName, filterName: 'Nope' }))).toEqual({
      code: 600,
      message: `No filter was found in the source \`${sceneName}\` with the name \`Nope\`.`,
    });
    expect(await refused(obs.call('SetSourceFilterIndex', { sourceName: sceneName, filterName: 'Soft', filterIndex: -1 }))).toMatchObject({ code: 402 });
    // A setting outside its kind's range is refused with the field named.
    const bad = await refused(obs.call('SetSourceFilterSettings', { sourceName: sceneName, filterName: 'Soft', filterSettings: { radius: 1000 } }));
    expect(bad.code).toBe(402);
    expect(bad.message).toMatch(/Radius must be between 0 and 64/);
    expect(heard).toEqual([]);
  });
});
