import { describe, expect, it } from 'vitest';
import { FILTER_KINDS, Status, type CommandType, type StudioEvent } from '../../shared';
import { KindRegistry } from '../kinds/registry';
import { blankDocument } from './defaults';
import { DocumentStore } from './store';

const secrets = { get: async () => undefined, set: async () => {}, delete: async () => {} };

async function setup() {
  let n = 0;
  const newId = () => `id-${++n}`;
  const events: StudioEvent[] = [];
  const store = new DocumentStore({
    initial: blankDocument(newId),
    kinds: new KindRegistry(),
    secrets,
    emit: (e) => events.push(e),
    isLive: () => false,
    newId,
  });
  const sceneUuid = store.get().currentSceneUuid;
  async function must<T = unknown>(type: CommandType, args: unknown): Promise<T> {
    const r = await store.execute(type, args);
    if (!r.ok) throw new Error(`${type} failed: ${r.error.message}`);
    return r.value as T;
  }
  /** A command that must fail without changing or emitting anything; returns the error. */
  async function reject(type: CommandType, args: unknown) {
    const before = store.get();
    const emitted = events.length;
    const r = await store.execute(type, args);
    if (r.ok) throw new Error(`${type} unexpectedly succeeded`);
    expect(store.get()).toBe(before);
    expect(events.length).toBe(emitted);
    expect(r.error.message).toMatch(/^\S.*\.$/s);
    return r.error;
  }
  const { inputUuid } = await must<{ inputUuid: string }>('input.create', { sceneUuid, name: 'Cam', kind: 'color_source_v3' });
  const filters = (uuid = inputUuid) =>
    (store.get().inputs.find((i) => i.uuid === uuid) ?? store.get().scenes.find((s) => s.uuid === uuid))!.filters;
  const fired = () => events.splice(0).filter((e) => e.type.startsWith('filter.'));
  return { store, must, reject, sceneUuid, inputUuid, filters, fired };
}

describe('filter commands', () => {
  it('every source starts with no filters', async () => {
    const t = await setup();
    expect(t.filters()).toEqual([]);
    expect(t.filters(t.sceneUuid)).toEqual([]);
    const { sceneUuid } = await t.must<{ sceneUuid: string }>('scene.create', { name: 'B' });
    expect(t.filters(sceneUuid)).toEqual([]);
  });

  it('creates filters on inputs and scenes with the kind defaults under the given settings', async () => {
    const t = await setup();
    t.fired();
    expect(await t.must('filter.create', { sourceUuid: t.inputUuid, name: 'Color', kind: 'color_filter_v2', settings: { gamma: 0.5 } })).toEqual({ index: 0 });
    expect(t.filters()).toEqual([
      { name: 'Color', kind: 'color_filter_v2', enabled: true, settings: { ...FILTER_KINDS[0]!.defaults, gamma: 0.5 } },
    ]);
    expect(t.fired()).toEqual([
      { type: 'filter.created', data: { sourceUuid: t.inputUuid, sourceName: 'Cam', filterName: 'Color', kind: 'color_filter_v2', index: 0 } },
    ]);
    await t.must('filter.create', { sourceUuid: t.inputUuid, name: 'Crop', kind: 'crop_filter', index: 0, enabled: false });
    expect(t.filters().map((f) => [f.name, f.enabled])).toEqual([['Crop', false], ['Color', true]]);
    // The same name may be used on another source.
    await t.must('filter.create', { sourceUuid: t.sceneUuid, name: 'Color', kind: 'color_filter_v2' });
    expect(t.filters(t.sceneUuid).map((f) => f.name)).toEqual(['Color']);
  });

  it('refuses an unknown source, a taken name, an unknown or non-filter kind, a bad index and bad settings', async () => {
    const t = await setup();
    await t.must('filter.create', { sourceUuid: t.inputUuid, name: 'Color', kind: 'color_filter_v2' });
    expect(await t.reject('filter.create', { sourceUuid: 'nope', name: 'X', kind: 'color_filter_v2' })).toEqual({
      code: Status.ResourceNotFound,
      message: 'There is no input or scene with id "nope".',
      field: 'sourceUuid',
    });
    expect(await t.reject('filter.create', { sourceUuid: t.inputUuid, name: 'Color', kind: 'crop_filter' })).toEqual({
      code: Status.ResourceAlreadyExists,
      message: '"Cam" already has a filter called "Color"; choose another name.',
      field: 'name',
    });
    expect(await t.reject('filter.create', { sourceUuid: t.inputUuid, name: 'X', kind: 'warp_filter' })).toMatchObject({
      code: Status.InvalidFilterKind,
      message: 'There is no filter kind called "warp_filter".',
    });
    // An input kind is no filter kind.
    expect((await t.reject('filter.create', { sourceUuid: t.inputUuid, name: 'X', kind: 'color_source_v3' })).code).toBe(Status.InvalidFilterKind);
    expect(await t.reject('filter.create', { sourceUuid: t.inputUuid, name: 'X', kind: 'crop_filter', index: 2 })).toEqual({
      code: Status.OutOfRange,
      message: 'index 2 is out of range: "Cam" has 1 filter, so it must be from 0 to 1.',
      field: 'index',
    });
    expect(await t.reject('filter.create', { sourceUuid: t.inputUuid, name: 'X', kind: 'color_filter_v2', settings: { gamma: 9 } })).toMatchObject({
      code: Status.OutOfRange,
      field: 'settings.gamma',
    });
    expect((await t.reject('filter.create', { sourceUuid: t.inputUuid, name: '', kind: 'crop_filter' })).field).toBe('name');
  });

  it('renames, reorders, toggles, changes settings and removes, with one event each', async () => {
    const t = await setup();
    for (const [name, kind] of [['A', 'color_filter_v2'], ['B', 'crop_filter'], ['C', 'blur_filter']] as const) {
      await t.must('filter.create', { sourceUuid: t.inputUuid, name, kind });
    }
    t.fired();
    const src = { sourceUuid: t.inputUuid, sourceName: 'Cam' };

    await t.must('filter.setName', { sourceUuid: t.inputUuid, name: 'A', newName: 'Grade' });
    expect(t.fired()).toEqual([{ type: 'filter.renamed', data: { ...src, oldName: 'A', filterName: 'Grade' } }]);
    expect((await t.reject('filter.setName', { sourceUuid: t.inputUuid, name: 'Grade', newName: 'B' })).field).toBe('newName');
    expect(await t.reject('filter.setName', { sourceUuid: t.inputUuid, name: 'A', newName: 'Z' })).toEqual({
      code: Status.ResourceNotFound,
      message: '"Cam" has no filter called "A".',
      field: 'name',
    });

    await t.must('filter.setIndex', { sourceUuid: t.inputUuid, name: 'C', index: 0 });
    expect(t.filters().map((f) => f.name)).toEqual(['C', 'Grade', 'B']);
    expect(t.fired()).toEqual([{ type: 'filter.reordered', data: src }]);
    expect(await t.reject('filter.setIndex', { sourceUuid: t.inputUuid, name: 'C', index: 3 })).toMatchObject({
      code: Status.OutOfRange,
      message: 'index 3 is out of range: "Cam" has 3 filters, so it must be from 0 to 2.',
    });

    await t.must('filter.setEnabled', { sourceUuid: t.inputUuid, name: 'B', enabled: false });
    expect(t.filters()[2]!.enabled).toBe(false);
    expect(t.fired()).toEqual([{ type: 'filter.enabledChanged', data: { ...src, filterName: 'B', enabled: false } }]);

    await t.must('filter.setSettings', { sourceUuid: t.inputUuid, name: 'B', settings: { left: 10 } });
    await t.must('filter.setSettings', { sourceUuid: t.inputUuid, name: 'B', settings: { top: 5 } });
    expect(t.filters()[2]!.settings).toMatchObject({ left: 10, top: 5, relative: true });
    // overlay: false starts again from the defaults.
    await t.must('filter.setSettings', { sourceUuid: t.inputUuid, name: 'B', settings: { right: 3 }, overlay: false });
    expect(t.filters()[2]!.settings).toMatchObject({ left: 0, top: 0, right: 3 });
    expect(t.fired().map((e) => e.type)).toEqual(['filter.settingsChanged', 'filter.settingsChanged', 'filter.settingsChanged']);
    expect((await t.reject('filter.setSettings', { sourceUuid: t.inputUuid, name: 'B', settings: { relative: 'yes' } })).field).toBe('settings.relative');

    await t.must('filter.remove', { sourceUuid: t.inputUuid, name: 'Grade' });
    expect(t.filters().map((f) => f.name)).toEqual(['C', 'B']);
    expect(t.fired()).toEqual([{ type: 'filter.removed', data: { ...src, filterName: 'Grade' } }]);
    expect((await t.reject('filter.remove', { sourceUuid: t.inputUuid, name: 'Grade' })).code).toBe(Status.ResourceNotFound);
  });

  it('filters go with their source', async () => {
    const t = await setup();
    await t.must('filter.create', { sourceUuid: t.inputUuid, name: 'Blur', kind: 'blur_filter' });
    await t.must('input.remove', { inputUuid: t.inputUuid });
    expect((await t.reject('filter.remove', { sourceUuid: t.inputUuid, name: 'Blur' })).field).toBe('sourceUuid');
  });
});

describe('filter kinds', () => {
  it('are registered with OBS ids, one of video or audio, and defaults their own schema accepts', () => {
    const kinds = new KindRegistry();
    for (const kind of FILTER_KINDS) {
      expect(kind.category).toBe('filter');
      expect(kind.video !== kind.audio, kind.id).toBe(true);
      const checked = kinds.validateSettings(kind.id, kind.defaults);
      expect(checked, kind.id).toEqual({ ok: true, value: kind.defaults });
      for (const p of kind.properties) expect(Object.hasOwn(kind.defaults, p.name), `${kind.id}.${p.name}`).toBe(true);
    }
    expect(FILTER_KINDS.map((k) => k.id)).toEqual(
      expect.arrayContaining([
        'color_filter_v2',
        'chroma_key_filter_v2',
        'color_key_filter_v2',
        'luma_key_filter_v2',
        'sharpness_filter_v2',
        'crop_filter',
        'scroll_filter',
        'scale_filter',
        'mask_filter_v2',
        'clut_filter',
        'gpu_delay',
        'blur_filter',
        'beauty_filter',
      ]),
    );
  });
});
