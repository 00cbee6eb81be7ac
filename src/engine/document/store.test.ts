import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_TRANSFORM,
  MIXER_DEFAULTS,
  Status,
  type CommandType,
  type Result,
  type StudioDocument,
  type StudioEvent,
} from '../../shared';
import { KindRegistry } from '../kinds/registry';
import { saveDocument } from '../persistence/files';
import { FileSecretStore } from '../persistence/secrets';
import { blankDocument } from './defaults';
import { DocumentStore } from './store';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const KEY = 'live_sk_9f8e7d6c5b4a';

async function setup(opts: { secretsDir?: string } = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), 'bs-store-'));
  dirs.push(dir);
  let n = 0;
  const newId = () => `id-${++n}`;
  const events: StudioEvent[] = [];
  const state = { live: false, writing: false };
  const secrets = new FileSecretStore(opts.secretsDir ?? dir);
  const store = new DocumentStore({
    initial: blankDocument(newId),
    kinds: new KindRegistry(),
    secrets,
    emit: (e) => events.push(e),
    isLive: () => state.live,
    writingFiles: () => state.writing,
    newId,
  });
  const sceneUuid = store.get().currentSceneUuid;
  /** Runs a command that must succeed and returns its value. */
  async function must<T = unknown>(type: CommandType, args: unknown): Promise<T> {
    const r = await store.execute(type, args);
    if (!r.ok) throw new Error(`${type} failed: ${r.error.message}`);
    return r.value as T;
  }
  /** Runs a command that must fail, checks it changed and emitted nothing, and returns the error. */
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
  async function addInput(name: string, kind = 'color_source_v3', extra: Record<string, unknown> = {}, scene = sceneUuid) {
    return must<{ inputUuid: string; sceneItemId: number }>('input.create', { sceneUuid: scene, name, kind, ...extra });
  }
  const types = () => events.map((e) => e.type);
  return { dir, store, events, types, secrets, state, sceneUuid, must, reject, addInput };
}

const errorOf = (r: Result<unknown>) => {
  if (r.ok) throw new Error('expected failure');
  return r.error;
};

describe('DocumentStore: snapshots and events', () => {
  it('every accepted command yields a new frozen snapshot with revision + 1, then document.changed', async () => {
    const t = await setup();
    const first = t.store.get();
    expect(first.revision).toBe(0);
    expect(Object.isFrozen(first)).toBe(true);
    const { sceneUuid } = await t.must<{ sceneUuid: string }>('scene.create', { name: 'Two' });
    const second = t.store.get();
    expect(second).not.toBe(first);
    expect(second.revision).toBe(1);
    expect(first.scenes).toHaveLength(1);
    expect(second.scenes.map((s) => s.name)).toEqual(['Scene', 'Two']);
    expect(Object.isFrozen(second.scenes[1])).toBe(true);
    expect(() => (second.scenes as unknown[]).push(1)).toThrow();
    expect(t.events).toEqual([
      { type: 'scene.created', data: { sceneUuid, sceneName: 'Two' } },
      { type: 'document.changed', data: { document: second, cause: 'scene.create' } },
    ]);
  });

  it('rejects commands it does not own or know', async () => {
    const t = await setup();
    for (const type of ['stream.start', 'renderer.claimOutput', 'nope.nothing', 'toString']) {
      const e = await t.reject(type as CommandType, {});
      expect(e.code).toBe(Status.RequestProcessingFailed);
    }
  });

  it('runs commands one at a time in order, each on the result of the one before', async () => {
    const t = await setup();
    const results = await Promise.all([
      t.store.execute('scene.create', { name: 'Same' }),
      t.store.execute('scene.create', { name: 'Same' }),
      t.store.execute('scene.create', { name: 'Other' }),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    expect(errorOf(results[1]!).code).toBe(Status.ResourceAlreadyExists);
    expect(t.store.get().revision).toBe(2);
  });

  it('a throwing listener neither hides the change nor the other events', async () => {
    let n = 0;
    const seen: string[] = [];
    const store = new DocumentStore({
      initial: blankDocument(() => 'scene-1'),
      kinds: new KindRegistry(),
      secrets: new FileSecretStore(await mkdtemp(path.join(tmpdir(), 'bs-store-'))),
      emit: (e) => {
        seen.push(e.type);
        if (n++ === 0) throw new Error('listener bug');
      },
      isLive: () => false,
    });
    const r = await store.execute('scene.create', { name: 'X' });
    expect(r.ok).toBe(true);
    expect(seen).toEqual(['scene.created', 'document.changed']);
  });

  it('uses random UUIDs when no id source is given', async () => {
    const store = new DocumentStore({
      initial: blankDocument(() => 'scene-1'),
      kinds: new KindRegistry(),
      secrets: new FileSecretStore(await mkdtemp(path.join(tmpdir(), 'bs-store-'))),
      emit: () => undefined,
      isLive: () => false,
    });
    const r = await store.execute('scene.create', { name: 'X' });
    expect(r.ok && (r.value as { sceneUuid: string }).sceneUuid).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('argument validation', () => {
  it.each([
    ['scene.create', {}, Status.MissingRequestField, 'name'],
    ['scene.create', { name: 5 }, Status.InvalidRequestFieldType, 'name'],
    ['scene.create', { name: '   ' }, Status.FieldEmpty, 'name'],
    ['scene.create', { name: 'x'.repeat(257) }, Status.OutOfRange, 'name'],
    ['scene.create', { name: 'A', extra: 1 }, Status.InvalidRequestField, 'extra'],
    ['scene.remove', { sceneUuid: '' }, Status.FieldEmpty, 'sceneUuid'],
    ['item.setEnabled', { sceneUuid: 's', sceneItemId: 1 }, Status.MissingRequestField, 'enabled'],
    ['item.setEnabled', { sceneUuid: 's', sceneItemId: 1, enabled: 'yes' }, Status.InvalidRequestFieldType, 'enabled'],
    ['item.setIndex', { sceneUuid: 's', sceneItemId: 1, index: -1 }, Status.OutOfRange, 'index'],
    ['item.setIndex', { sceneUuid: 's', sceneItemId: 1, index: 0.5 }, Status.InvalidRequestFieldType, 'index'],
    ['item.remove', { sceneUuid: 's', sceneItemId: '1' }, Status.InvalidRequestFieldType, 'sceneItemId'],
    ['input.update', { inputUuid: 'i', settings: [] }, Status.InvalidRequestFieldType, 'settings'],
    ['input.update', { inputUuid: 'i', settings: {}, overlay: 1 }, Status.InvalidRequestFieldType, 'overlay'],
    ['output.setFfmpegPath', { ffmpegPath: 1 }, Status.InvalidRequestFieldType, 'ffmpegPath'],
  ] as const)('%s %j → %i on %s', async (type, args, code, field) => {
    const t = await setup();
    const e = await t.reject(type, args);
    expect(e).toMatchObject({ code, field });
    expect(e.message).toContain(field);
  });

  it('args that are not an object are refused without a field', async () => {
    const t = await setup();
    for (const args of [null, 'x', 3, []]) {
      const e = await t.reject('scene.create', args);
      expect(e.code).toBe(Status.InvalidRequestFieldType);
      expect(e.field).toBeUndefined();
      expect(e.message).toMatch(/^The request arguments must be an object\.$/);
    }
  });

  it('omitted args read as {}', async () => {
    const t = await setup();
    expect(await t.reject('scene.create', undefined)).toMatchObject({ code: Status.MissingRequestField, field: 'name' });
    await t.must('video.set', undefined);
    expect(t.store.get().revision).toBe(1);
  });

  it('trims names', async () => {
    const t = await setup();
    await t.must('scene.create', { name: '  Padded  ' });
    expect(t.store.get().scenes[1]!.name).toBe('Padded');
    await t.reject('scene.create', { name: 'Padded ' });
  });
});

describe('scenes', () => {
  it('create, rename and switch with events', async () => {
    const t = await setup();
    const { sceneUuid } = await t.must<{ sceneUuid: string }>('scene.create', { name: 'B' });
    expect(t.store.get().scenes[1]).toEqual({ uuid: sceneUuid, name: 'B', items: [], nextItemId: 1, filters: [] });
    // A new scene does not become current (OBS).
    expect(t.store.get().currentSceneUuid).toBe(t.sceneUuid);
    t.events.length = 0;
    await t.must('scene.rename', { sceneUuid, name: 'Bee' });
    await t.must('scene.setCurrent', { sceneUuid });
    expect(t.store.get().currentSceneUuid).toBe(sceneUuid);
    expect(t.events.filter((e) => e.type !== 'document.changed')).toEqual([
      { type: 'scene.renamed', data: { sceneUuid, oldName: 'B', sceneName: 'Bee' } },
      { type: 'scene.currentChanged', data: { sceneUuid, sceneName: 'Bee' } },
    ]);
  });

  it('names are unique across scenes and inputs', async () => {
    const t = await setup();
    await t.addInput('Logo');
    expect(await t.reject('scene.create', { name: 'Scene' })).toMatchObject({ code: Status.ResourceAlreadyExists, field: 'name' });
    expect((await t.reject('scene.create', { name: 'Logo' })).message).toBe(
      'An input called "Logo" already exists; choose another name.',
    );
    const { sceneUuid } = await t.must<{ sceneUuid: string }>('scene.create', { name: 'B' });
    await t.reject('scene.rename', { sceneUuid, name: 'Logo' });
    await t.reject('scene.rename', { sceneUuid, name: 'Scene' });
    // Renaming a scene to its own name is not a clash.
    await t.must('scene.rename', { sceneUuid, name: 'B' });
  });

  it('unknown scenes are ResourceNotFound on sceneUuid', async () => {
    const t = await setup();
    for (const [type, args] of [
      ['scene.remove', { sceneUuid: 'nope' }],
      ['scene.rename', { sceneUuid: 'nope', name: 'X' }],
      ['scene.setCurrent', { sceneUuid: 'nope' }],
      ['input.create', { sceneUuid: 'nope', name: 'X', kind: 'color_source_v3' }],
      ['item.setEnabled', { sceneUuid: 'nope', sceneItemId: 1, enabled: true }],
    ] as const) {
      expect(await t.reject(type, args)).toMatchObject({ code: Status.ResourceNotFound, field: 'sceneUuid' });
    }
  });

  it('cannot remove the last scene', async () => {
    const t = await setup();
    const e = await t.reject('scene.remove', { sceneUuid: t.sceneUuid });
    expect(e).toMatchObject({ code: Status.InvalidResourceState, field: 'sceneUuid' });
  });

  it('removing a scene that is not current keeps the current one', async () => {
    const t = await setup();
    const { sceneUuid } = await t.must<{ sceneUuid: string }>('scene.create', { name: 'B' });
    t.events.length = 0;
    await t.must('scene.remove', { sceneUuid });
    expect(t.store.get().currentSceneUuid).toBe(t.sceneUuid);
    expect(t.types()).toEqual(['scene.removed', 'document.changed']);
  });

  it('removing the current scene makes the next (or previous) one current', async () => {
    const t = await setup();
    const b = await t.must<{ sceneUuid: string }>('scene.create', { name: 'B' });
    const c = await t.must<{ sceneUuid: string }>('scene.create', { name: 'C' });
    await t.must('scene.setCurrent', { sceneUuid: b.sceneUuid });
    t.events.length = 0;
    await t.must('scene.remove', { sceneUuid: b.sceneUuid });
    expect(t.store.get().currentSceneUuid).toBe(c.sceneUuid);
    expect(t.events.slice(0, 2)).toEqual([
      { type: 'scene.removed', data: { sceneUuid: b.sceneUuid, sceneName: 'B' } },
      { type: 'scene.currentChanged', data: { sceneUuid: c.sceneUuid, sceneName: 'C' } },
    ]);
    await t.must('scene.remove', { sceneUuid: c.sceneUuid });
    expect(t.store.get().currentSceneUuid).toBe(t.sceneUuid);
  });
});

describe('inputs', () => {
  it('input.create adds the input and an item on top, with events in order', async () => {
    const t = await setup();
    const a = await t.addInput('A');
    t.events.length = 0;
    const b = await t.addInput('B', 'color_source_v3', {
      settings: { color: 0xff0000ff, width: 200, keep: 'me' },
      transform: { positionX: 10, scaleY: 2 },
    });
    expect(a.sceneItemId).toBe(1);
    expect(b.sceneItemId).toBe(2);
    const doc = t.store.get();
    expect(doc.inputs[1]).toEqual({
      uuid: b.inputUuid,
      name: 'B',
      kind: 'color_source_v3',
      settings: { color: 0xff0000ff, width: 200, height: 720, keep: 'me' },
      muted: false,
      volumeMul: 1,
      filters: [],
      ...MIXER_DEFAULTS,
    });
    expect(doc.scenes[0]!.items[1]).toEqual({
      sceneItemId: 2,
      sourceUuid: b.inputUuid,
      enabled: true,
      locked: false,
      transform: { ...DEFAULT_TRANSFORM, positionX: 10, scaleY: 2 },
    });
    expect(doc.scenes[0]!.nextItemId).toBe(3);
    expect(t.events.slice(0, 2)).toEqual([
      { type: 'input.created', data: { inputUuid: b.inputUuid, inputName: 'B', kind: 'color_source_v3' } },
      { type: 'item.created', data: { sceneUuid: t.sceneUuid, sceneItemId: 2, sourceUuid: b.inputUuid, index: 1 } },
    ]);
    expect(t.types()[2]).toBe('document.changed');
  });

  it('resolves width/height 0 of color and test pattern to the canvas size', async () => {
    const t = await setup();
    await t.must('video.set', { baseWidth: 1920, baseHeight: 1080 });
    await t.addInput('Color');
    await t.addInput('Bars', 'studio_test_pattern', { settings: { height: 100 } });
    await t.addInput('Img', 'image_source', { settings: { file: '/tmp/a.png' } });
    const [color, bars, img] = t.store.get().inputs;
    expect(color!.settings).toMatchObject({ width: 1920, height: 1080 });
    expect(bars!.settings).toMatchObject({ width: 1920, height: 100, show_clock: true });
    expect(img!.settings).toEqual({ file: '/tmp/a.png', unload: false, linear_alpha: false });
  });

  it('input.create rejects an unknown kind, bad settings and bad transforms', async () => {
    const t = await setup();
    const create = (extra: Record<string, unknown>) =>
      t.reject('input.create', { sceneUuid: t.sceneUuid, name: 'X', kind: 'color_source_v3', ...extra });
    expect(await create({ kind: 'decklink-input' })).toMatchObject({ code: Status.InvalidInputKind, field: 'kind' });
    expect(await create({ kind: '' })).toMatchObject({ code: Status.FieldEmpty, field: 'kind' });
    expect(await create({ settings: { color: -2 } })).toMatchObject({ code: Status.OutOfRange, field: 'settings.color' });
    expect(await create({ transform: { scaleX: 0 } })).toMatchObject({
      code: Status.InvalidRequestField,
      field: 'transform.scaleX',
      message: 'transform.scaleX must not be zero.',
    });
    expect(await create({ transform: { scaleY: 1000.5 } })).toMatchObject({ code: Status.OutOfRange, field: 'transform.scaleY' });
    expect(await create({ transform: { scaleX: -1001 } })).toMatchObject({ code: Status.OutOfRange, field: 'transform.scaleX' });
    expect(await create({ transform: { alignment: 3 } })).toMatchObject({ code: Status.InvalidRequestField, field: 'transform.alignment' });
    expect(await create({ transform: { alignment: 12 } })).toMatchObject({ field: 'transform.alignment' });
    expect(await create({ transform: { cropLeft: -1 } })).toMatchObject({ code: Status.OutOfRange, field: 'transform.cropLeft' });
    expect(await create({ transform: { cropTop: 1.5 } })).toMatchObject({ code: Status.InvalidRequestFieldType, field: 'transform.cropTop' });
    expect(await create({ transform: { positionX: Infinity } })).toMatchObject({ field: 'transform.positionX' });
    expect(await create({ transform: { rotation: Number.NaN } })).toMatchObject({ field: 'transform.rotation' });
    expect(await create({ transform: { posX: 1 } })).toMatchObject({ code: Status.InvalidRequestField, field: 'transform.posX' });
  });

  it('accepts every OBS alignment and negative (mirroring) scales', async () => {
    const t = await setup();
    for (const alignment of [0, 1, 2, 4, 5, 6, 8, 9, 10]) {
      await t.addInput(`A${alignment}`, 'color_source_v3', { transform: { alignment, scaleX: -1, rotation: 370 } });
    }
    expect(t.store.get().scenes[0]!.items.map((i) => i.transform.alignment)).toEqual([0, 1, 2, 4, 5, 6, 8, 9, 10]);
  });

  it('input.update overlays by default and replaces with overlay=false', async () => {
    const t = await setup();
    const { inputUuid } = await t.addInput('Text', 'text_ft2_source_v2', { settings: { text: 'Hi', outline: true } });
    t.events.length = 0;
    await t.must('input.update', { inputUuid, settings: { font: { size: 20 } } });
    let s = t.store.get().inputs[0]!.settings;
    expect(s).toMatchObject({ text: 'Hi', outline: true, font: { face: 'Sans Serif', size: 20 } });
    expect(t.events[0]).toEqual({ type: 'input.settingsChanged', data: { inputUuid, inputName: 'Text' } });
    await t.must('input.update', { inputUuid, settings: { text: 'Bye' }, overlay: false });
    s = t.store.get().inputs[0]!.settings;
    expect(s).toMatchObject({ text: 'Bye', outline: false, font: { size: 64 } });
    expect(await t.reject('input.update', { inputUuid, settings: { outline: 'no' } })).toMatchObject({
      field: 'settings.outline',
    });
    expect(await t.reject('input.update', { inputUuid: 'nope', settings: {} })).toMatchObject({
      code: Status.ResourceNotFound,
      field: 'inputUuid',
    });
  });

  it('input.update of a color source keeps sizes resolved to the canvas', async () => {
    const t = await setup();
    const { inputUuid } = await t.addInput('C', 'color_source_v3', { settings: { width: 10, height: 10 } });
    await t.must('input.update', { inputUuid, settings: { width: 0 } });
    expect(t.store.get().inputs[0]!.settings).toMatchObject({ width: 1280, height: 10 });
  });

  it('input.rename keeps names unique', async () => {
    const t = await setup();
    const { inputUuid } = await t.addInput('A');
    await t.addInput('B');
    t.events.length = 0;
    await t.must('input.rename', { inputUuid, name: 'A2' });
    expect(t.events[0]).toEqual({ type: 'input.renamed', data: { inputUuid, oldName: 'A', inputName: 'A2' } });
    expect(await t.reject('input.rename', { inputUuid, name: 'B' })).toMatchObject({ code: Status.ResourceAlreadyExists });
    expect(await t.reject('input.rename', { inputUuid, name: 'Scene' })).toMatchObject({ code: Status.ResourceAlreadyExists });
    await t.reject('input.rename', { inputUuid: 'nope', name: 'Z' });
  });

  it('input.remove removes its items from every scene', async () => {
    const t = await setup();
    const { sceneUuid: other } = await t.must<{ sceneUuid: string }>('scene.create', { name: 'Other' });
    const a = await t.addInput('A');
    const keep = await t.addInput('Keep');
    // The same input shown in a second scene: created there, then the duplicate input removed.
    const b = await t.addInput('B', 'color_source_v3', {}, other);
    const doc = t.store.get();
    expect(doc.scenes[1]!.items.map((i) => i.sourceUuid)).toEqual([b.inputUuid]);
    t.events.length = 0;
    await t.must('input.remove', { inputUuid: a.inputUuid });
    expect(t.store.get().inputs.map((i) => i.name)).toEqual(['Keep', 'B']);
    expect(t.store.get().scenes[0]!.items.map((i) => i.sourceUuid)).toEqual([keep.inputUuid]);
    expect(t.events.slice(0, 2)).toEqual([
      { type: 'item.removed', data: { sceneUuid: t.sceneUuid, sceneItemId: a.sceneItemId, sourceUuid: a.inputUuid } },
      { type: 'input.removed', data: { inputUuid: a.inputUuid, inputName: 'A' } },
    ]);
    await t.must('input.remove', { inputUuid: b.inputUuid });
    expect(t.store.get().scenes[1]!.items).toEqual([]);
    await t.reject('input.remove', { inputUuid: a.inputUuid });
  });
});

describe('scene items', () => {
  it('sceneItemId is never reused within a scene', async () => {
    const t = await setup();
    await t.addInput('A');
    const b = await t.addInput('B');
    await t.must('item.remove', { sceneUuid: t.sceneUuid, sceneItemId: b.sceneItemId });
    // The input outlives its item (OBS keeps sources; removing one is input.remove).
    expect(t.store.get().inputs.map((i) => i.name)).toEqual(['A', 'B']);
    const c = await t.addInput('C');
    expect(c.sceneItemId).toBe(3);
  });

  it('setTransform merges, setEnabled and setLocked flip flags, each with its event', async () => {
    const t = await setup();
    const { sceneItemId } = await t.addInput('A', 'color_source_v3', { transform: { positionX: 5 } });
    const ref = { sceneUuid: t.sceneUuid, sceneItemId };
    t.events.length = 0;
    await t.must('item.setTransform', { ...ref, transform: { positionY: 7, rotation: 45, cropRight: 3 } });
    await t.must('item.setEnabled', { ...ref, enabled: false });
    await t.must('item.setLocked', { ...ref, locked: true });
    // Locking is a UI guard in OBS; the API may still move the item.
    await t.must('item.setTransform', { ...ref, transform: { alignment: 0 } });
    const item = t.store.get().scenes[0]!.items[0]!;
    expect(item).toMatchObject({ enabled: false, locked: true });
    expect(item.transform).toEqual({ ...DEFAULT_TRANSFORM, positionX: 5, positionY: 7, rotation: 45, cropRight: 3, alignment: 0 });
    expect(t.events.filter((e) => e.type !== 'document.changed')).toEqual([
      { type: 'item.transformChanged', data: ref },
      { type: 'item.enabledChanged', data: { ...ref, enabled: false } },
      { type: 'item.lockedChanged', data: { ...ref, locked: true } },
      { type: 'item.transformChanged', data: ref },
    ]);
    expect(await t.reject('item.setTransform', { ...ref, transform: { scaleX: 0 } })).toMatchObject({ field: 'transform.scaleX' });
  });

  it('unknown items are ResourceNotFound on sceneItemId', async () => {
    const t = await setup();
    const ref = { sceneUuid: t.sceneUuid, sceneItemId: 42 };
    for (const [type, args] of [
      ['item.setTransform', { ...ref, transform: {} }],
      ['item.setEnabled', { ...ref, enabled: true }],
      ['item.setLocked', { ...ref, locked: true }],
      ['item.setIndex', { ...ref, index: 0 }],
      ['item.remove', ref],
    ] as const) {
      expect(await t.reject(type, args)).toMatchObject({ code: Status.ResourceNotFound, field: 'sceneItemId' });
    }
  });

  it('setIndex moves an item and shifts the others; an index past the top clamps to the top', async () => {
    const t = await setup();
    for (const n of ['A', 'B', 'C', 'D']) await t.addInput(n);
    const order = () => t.store.get().scenes[0]!.items.map((i) => i.sceneItemId);
    t.events.length = 0;
    await t.must('item.setIndex', { sceneUuid: t.sceneUuid, sceneItemId: 4, index: 0 });
    expect(order()).toEqual([4, 1, 2, 3]);
    expect(t.events[0]).toEqual({ type: 'item.reordered', data: { sceneUuid: t.sceneUuid } });
    await t.must('item.setIndex', { sceneUuid: t.sceneUuid, sceneItemId: 1, index: 2 });
    expect(order()).toEqual([4, 2, 1, 3]);
    await t.must('item.setIndex', { sceneUuid: t.sceneUuid, sceneItemId: 4, index: 99 });
    expect(order()).toEqual([2, 1, 3, 4]);
  });

  it('item.remove emits item.removed', async () => {
    const t = await setup();
    const a = await t.addInput('A');
    t.events.length = 0;
    await t.must('item.remove', { sceneUuid: t.sceneUuid, sceneItemId: a.sceneItemId });
    expect(t.events[0]).toEqual({
      type: 'item.removed',
      data: { sceneUuid: t.sceneUuid, sceneItemId: a.sceneItemId, sourceUuid: a.inputUuid },
    });
    expect(t.store.get().scenes[0]!.items).toEqual([]);
  });
});

describe('video and output settings', () => {
  it('video.set changes the canvas; an output that tracked the canvas follows it', async () => {
    const t = await setup();
    t.events.length = 0;
    await t.must('video.set', { baseWidth: 1920, baseHeight: 1080, fpsNumerator: 60000, fpsDenominator: 1001 });
    expect(t.store.get().video).toEqual({
      baseWidth: 1920,
      baseHeight: 1080,
      outputWidth: 1920,
      outputHeight: 1080,
      fpsNumerator: 60000,
      fpsDenominator: 1001,
    });
    expect(t.events[0]).toEqual({ type: 'video.changed', data: {} });
    await t.must('video.set', { outputWidth: 1280, outputHeight: 720 });
    await t.must('video.set', { baseWidth: 1600, baseHeight: 900 });
    expect(t.store.get().video).toMatchObject({ baseWidth: 1600, outputWidth: 1280, outputHeight: 720 });
    await t.must('video.set', { fpsNumerator: 1, fpsDenominator: 1 });
  });

  it.each([
    [{ baseWidth: 1281 }, Status.InvalidRequestField, 'baseWidth', /multiple of 4/],
    [{ baseWidth: 1282 }, Status.InvalidRequestField, 'baseWidth', /multiple of 4/],
    [{ outputHeight: 721 }, Status.InvalidRequestField, 'outputHeight', /even/],
    [{ baseWidth: 4100 }, Status.OutOfRange, 'baseWidth', /at most 4096/],
    [{ baseHeight: 4098 }, Status.OutOfRange, 'baseHeight', /at most 4096/],
    [{ outputWidth: 62 }, Status.OutOfRange, 'outputWidth', /at least 64/],
    [{ baseWidth: 1280.5 }, Status.InvalidRequestFieldType, 'baseWidth', /whole number/],
    [{ fpsNumerator: 61 }, Status.InvalidRequestField, 'fpsNumerator', /1 to 60 fps/],
    [{ fpsNumerator: 1, fpsDenominator: 2 }, Status.InvalidRequestField, 'fpsNumerator', /1 to 60 fps/],
    [{ fpsDenominator: 0 }, Status.OutOfRange, 'fpsDenominator', /at least 1/],
    [{ fpsNumerator: -30 }, Status.OutOfRange, 'fpsNumerator', /at least 1/],
    [{ width: 640 }, Status.InvalidRequestField, 'width', /not a field/],
  ] as const)('video.set %j is refused', async (args, code, field, message) => {
    const t = await setup();
    const e = await t.reject('video.set', args);
    expect(e).toMatchObject({ code, field });
    expect(e.message).toMatch(message);
  });

  it('while live the bitrate and output size change (live reconfiguration); the canvas, frame rate and encoder do not', async () => {
    const t = await setup();
    t.state.live = true;
    expect(await t.reject('video.set', { baseWidth: 640, baseHeight: 360 })).toMatchObject({ code: Status.OutputRunning, field: 'baseWidth' });
    expect(await t.reject('video.set', { fpsNumerator: 60 })).toMatchObject({ code: Status.OutputRunning, field: 'fpsNumerator' });
    expect(await t.reject('output.setEncoder', { encoder: 'libx264' })).toMatchObject({ code: Status.OutputRunning, field: 'encoder' });
    await t.must('output.setEncoder', { bitrateKbps: 3000, preset: 'superfast' });
    await t.must('video.set', { outputWidth: 1280, outputHeight: 720 });
    expect(t.store.get().output.encoder.bitrateKbps).toBe(3000);
    expect(t.store.get().video).toMatchObject({ outputWidth: 1280, outputHeight: 720 });
    // A recording or the replay buffer keeps one size in its file; the bitrate may still change.
    t.state.writing = true;
    const e = await t.reject('video.set', { outputWidth: 854, outputHeight: 480 });
    expect(e).toMatchObject({ code: Status.OutputRunning, field: 'outputWidth' });
    expect(e.message).toMatch(/recording/);
    await t.must('output.setEncoder', { bitrateKbps: 2500 });
    t.state.writing = false;
    await t.must('output.setFfmpegPath', { ffmpegPath: '  /usr/bin/ffmpeg ' });
    expect(t.store.get().output.ffmpegPath).toBe('/usr/bin/ffmpeg');
    t.state.live = false;
    await t.must('video.set', { baseWidth: 640, baseHeight: 360 });
  });

  it('output.setEncoder merges into the encoder settings', async () => {
    const t = await setup();
    await t.must('output.setEncoder', { bitrateKbps: 6000, preset: 'superfast', profile: 'high', bFrames: 2, audioBitrateKbps: 320 });
    await t.must('output.setEncoder', { rateControl: 'VBR', keyframeIntervalSec: 20, encoder: 'libx264' });
    expect(t.store.get().output.encoder).toEqual({
      encoder: 'libx264',
      rateControl: 'VBR',
      bitrateKbps: 6000,
      keyframeIntervalSec: 20,
      preset: 'superfast',
      profile: 'high',
      bFrames: 2,
      audioBitrateKbps: 320,
    });
    expect(t.types().at(-1)).toBe('document.changed');
  });

  it.each([
    [{ bitrateKbps: 199 }, Status.OutOfRange, 'bitrateKbps'],
    [{ bitrateKbps: 50001 }, Status.OutOfRange, 'bitrateKbps'],
    [{ bitrateKbps: 2500.5 }, Status.InvalidRequestFieldType, 'bitrateKbps'],
    [{ keyframeIntervalSec: 0 }, Status.OutOfRange, 'keyframeIntervalSec'],
    [{ keyframeIntervalSec: 21 }, Status.OutOfRange, 'keyframeIntervalSec'],
    [{ preset: 'turbo' }, Status.InvalidRequestField, 'preset'],
    [{ profile: 'high10' }, Status.InvalidRequestField, 'profile'],
    [{ bFrames: 5 }, Status.OutOfRange, 'bFrames'],
    [{ audioBitrateKbps: 100 }, Status.InvalidRequestField, 'audioBitrateKbps'],
    [{ rateControl: 'CRF' }, Status.InvalidRequestField, 'rateControl'],
    [{ encoder: 'h264_magic' }, Status.InvalidRequestField, 'encoder'],
  ] as const)('output.setEncoder %j is refused', async (args, code, field) => {
    const t = await setup();
    expect(await t.reject('output.setEncoder', args)).toMatchObject({ code, field });
  });

  it('lists the allowed values when a choice is wrong', async () => {
    const t = await setup();
    const e = await t.reject('output.setEncoder', { audioBitrateKbps: 100 });
    expect(e.message).toBe('audioBitrateKbps must be one of 64, 96, 128, 160, 192, 256, 320.');
  });
});

describe('destinations and the stream key', () => {
  const SERVER = 'rtmp://live.example.com/app';

  it('upsert creates a destination, keeps the key in the secret store only', async () => {
    const t = await setup();
    const { id } = await t.must<{ id: string }>('destination.upsert', { server: ` ${SERVER} `, key: ` ${KEY} ` });
    expect(t.store.get().destinations).toEqual([
      { id, name: 'live.example.com', enabled: true, server: SERVER, hasKey: true, preset: 'custom', audioOnly: false, audioTrack: 1, rendition: null, signing: null, audience: null },
    ]);
    expect(await t.secrets.get(`destination:${id}:key`)).toBe(KEY);
    expect(await t.store.streamKey(id)).toBe(KEY);
    expect(await t.store.streamKey('other')).toBeUndefined();
    expect(JSON.stringify(t.store.get())).not.toContain(KEY);
    expect(JSON.stringify(t.events)).not.toContain(KEY);
    expect(t.events.at(-1)).toMatchObject({ type: 'document.changed', data: { cause: 'destination.upsert' } });
    // The saved files never carry it either.
    await saveDocument(t.dir, t.store.get());
    for (const f of ['collection.json', 'profile.json']) {
      expect(await readFile(path.join(t.dir, f), 'utf8')).not.toContain(KEY);
    }
  });

  it('upsert updates fields, keeps the key when omitted and clears it with ""', async () => {
    const t = await setup();
    const { id } = await t.must<{ id: string }>('destination.upsert', { name: 'Main', server: SERVER, key: KEY, enabled: false });
    await t.must('destination.upsert', { id, name: 'Renamed', server: 'srt://10.0.0.1:9000?mode=caller', enabled: true });
    expect(t.store.get().destinations[0]).toEqual({
      id,
      name: 'Renamed',
      enabled: true,
      server: 'srt://10.0.0.1:9000?mode=caller',
      hasKey: true,
      preset: 'custom',
      audioOnly: false,
      audioTrack: 1,
      rendition: null,
      signing: null,
      audience: null,
    });
    expect(await t.store.streamKey(id)).toBe(KEY);
    await t.must('destination.upsert', { id, key: 'other-key' });
    expect(await t.store.streamKey(id)).toBe('other-key');
    await t.must('destination.upsert', { id, key: '' });
    expect(t.store.get().destinations[0]!.hasKey).toBe(false);
    expect(await t.store.streamKey(id)).toBeUndefined();
  });

  it('a platform preset brings its name and default server; audio-only and a rendition are kept', async () => {
    const t = await setup();
    const { id } = await t.must<{ id: string }>('destination.upsert', { preset: 'twitch', key: KEY, rendition: { bitrateKbps: 3000, width: 1280 } });
    expect(t.store.get().destinations[0]).toMatchObject({
      id,
      name: 'Twitch',
      server: 'rtmp://live.twitch.tv/app',
      preset: 'twitch',
      audioOnly: false,
      rendition: { bitrateKbps: 3000, width: 1280 },
    });
    await t.must('destination.upsert', { id, audioOnly: true, rendition: {} });
    // An empty rendition is no rendition: the destination shares the main encoding again.
    expect(t.store.get().destinations[0]).toMatchObject({ audioOnly: true, rendition: null });
    await t.must('destination.upsert', { id, rendition: { height: 480 } });
    expect(t.store.get().destinations[0]!.rendition).toEqual({ height: 480 });
    await t.must('destination.upsert', { id, rendition: null });
    expect(t.store.get().destinations[0]!.rendition).toBeNull();
  });

  it('refuses unknown presets and renditions the encoder cannot make', async () => {
    const t = await setup();
    expect(await t.reject('destination.upsert', { preset: 'myspace', server: SERVER })).toMatchObject({ code: Status.InvalidRequestField, field: 'preset' });
    expect(await t.reject('destination.upsert', { server: SERVER, rendition: { width: 641 } })).toMatchObject({ field: 'rendition.width' });
    expect(await t.reject('destination.upsert', { server: SERVER, rendition: { bitrateKbps: 10 } })).toMatchObject({ field: 'rendition.bitrateKbps' });
    expect(await t.reject('destination.upsert', { server: SERVER, rendition: { fps: 60 } })).toMatchObject({ code: Status.InvalidRequestField });
    expect(t.store.get().destinations).toEqual([]);
  });

  it('leaves destination.start/stop/reconnect to the output (they are not document commands)', async () => {
    const t = await setup();
    for (const type of ['destination.start', 'destination.stop', 'destination.reconnect'] as const) {
      expect(await t.reject(type, { id: 'x' })).toMatchObject({ code: Status.RequestProcessingFailed });
    }
  });

  it('remove deletes the destination and its secret', async () => {
    const t = await setup();
    const { id } = await t.must<{ id: string }>('destination.upsert', { server: 'rtmps://a.example.com:443/live', key: KEY });
    await t.must('destination.remove', { id });
    expect(t.store.get().destinations).toEqual([]);
    expect(await t.secrets.get(`destination:${id}:key`)).toBeUndefined();
    expect(await readFile(path.join(t.dir, 'secrets.json'), 'utf8')).not.toContain(KEY);
    expect(await t.reject('destination.remove', { id })).toMatchObject({ code: Status.ResourceNotFound, field: 'id' });
  });

  it('a signing rule keeps its private key in the secret store, out of the document, and goes with the destination', async () => {
    const t = await setup();
    const PRIVATE = 'signing-private-key-31f9';
    const { id } = await t.must<{ id: string }>('destination.upsert', { server: SERVER, signing: { scheme: 'auth_key', privateKey: PRIVATE, offsetSeconds: 90 } });
    expect(t.store.get().destinations[0]!.signing).toEqual({ scheme: 'auth_key', offsetSeconds: 90, hasSigningKey: true });
    expect(await t.store.signingKey(id)).toBe(PRIVATE);
    expect(JSON.stringify(t.store.get())).not.toContain(PRIVATE);
    expect(JSON.stringify(t.events)).not.toContain(PRIVATE);
    // A server the rule cannot sign for is refused while the rule stands.
    expect(await t.reject('destination.upsert', { id, server: 'srt://10.0.0.1:9000' })).toMatchObject({ code: Status.InvalidRequestField, field: 'server' });
    await t.must('destination.remove', { id });
    expect(await t.secrets.get(`destination:${id}:signing-key`)).toBeUndefined();
  });

  it('upsert of an unknown id, or a new one without a server, is refused', async () => {
    const t = await setup();
    expect(await t.reject('destination.upsert', { id: 'nope', name: 'X' })).toMatchObject({
      code: Status.ResourceNotFound,
      field: 'id',
    });
    expect(await t.reject('destination.upsert', { name: 'X', key: KEY })).toMatchObject({
      code: Status.MissingRequestField,
      field: 'server',
    });
    expect(await t.secrets.get('destination:id-2:key')).toBeUndefined();
  });

  it.each([
    'not a url',
    'http://live.example.com/app',
    'rtmp://',
    'rtmp:///app',
    'rtmp://live example.com/app',
    'rtmp://live.example.com:99999/app',
    'file:///etc/passwd',
    'live.example.com/app',
  ])('a malformed server %j is refused with a clear message that names the field', async (server) => {
    const t = await setup();
    const e = await t.reject('destination.upsert', { server, key: KEY });
    expect(e).toMatchObject({
      code: Status.InvalidRequestField,
      field: 'server',
      message: 'server must be an rtmp://, rtmps:// or srt:// URL with a host, such as rtmp://live.example.com/app.',
    });
    expect(JSON.stringify(e)).not.toContain(KEY);
    expect(await t.secrets.get('destination:id-2:key')).toBeUndefined();
  });

  it('an srt:// server needs a port; an empty server is FieldEmpty', async () => {
    const t = await setup();
    expect((await t.reject('destination.upsert', { server: 'srt://live.example.com' })).message).toBe(
      'server needs a port for srt://, such as srt://live.example.com:9000.',
    );
    expect(await t.reject('destination.upsert', { server: '  ' })).toMatchObject({ code: Status.FieldEmpty, field: 'server' });
  });

  it('a bad key is refused without echoing it', async () => {
    const t = await setup();
    const long = `${KEY}${'x'.repeat(512)}`;
    const e1 = await t.reject('destination.upsert', { server: SERVER, key: long });
    expect(e1).toMatchObject({ code: Status.OutOfRange, field: 'key' });
    expect(JSON.stringify(e1)).not.toContain(KEY);
    const e2 = await t.reject('destination.upsert', { server: SERVER, key: `${KEY}\nX` });
    expect(e2).toMatchObject({ code: Status.InvalidRequestField, field: 'key' });
    expect(JSON.stringify(e2)).not.toContain(KEY);
    const e3 = await t.reject('destination.upsert', { server: SERVER, key: 12345 });
    expect(e3).toMatchObject({ code: Status.InvalidRequestFieldType, field: 'key' });
    expect(e3.message).not.toContain('12345');
  });

  it('when the secret store fails nothing changes and the error has no key in it', async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'bs-store-'));
    dirs.push(base);
    // A data folder path that is a regular file: every write there fails for real.
    const notADir = path.join(base, 'file');
    await writeFile(notADir, 'x');
    const t = await setup({ secretsDir: notADir });
    const e = await t.reject('destination.upsert', { server: SERVER, key: KEY });
    expect(e.code).toBe(Status.ActionFailed);
    expect(JSON.stringify(e)).not.toContain(KEY);
    expect(t.store.get().destinations).toEqual([]);
  });

  it('allows destination changes while live', async () => {
    const t = await setup();
    t.state.live = true;
    await t.must('destination.upsert', { server: SERVER });
    expect(t.store.get().destinations).toHaveLength(1);
  });

  it('documents passed in are not aliased', async () => {
    const initial: StudioDocument = blankDocument(() => 's');
    const store = new DocumentStore({
      initial,
      kinds: new KindRegistry(),
      secrets: new FileSecretStore(await mkdtemp(path.join(tmpdir(), 'bs-store-'))),
      emit: () => undefined,
      isLive: () => false,
    });
    initial.scenes[0]!.name = 'mutated';
    expect(store.get().scenes[0]!.name).toBe('Scene');
    expect(Object.isFrozen(initial)).toBe(false);
  });
});

describe('recording settings, uplink and encoder templates', () => {
  it('merges recording settings and refuses bad folders, patterns and formats with the field named', async () => {
    const { store, must, reject } = await setup();
    await must('output.setRecording', { format: 'fmp4', remuxToMp4: true, filenamePattern: 'Show %CCYY' });
    expect(store.get().output.recording).toMatchObject({ format: 'fmp4', remuxToMp4: true, filenamePattern: 'Show %CCYY', folder: '', minFreeMb: 500 });
    expect((await reject('output.setRecording', { folder: 'relative/dir' })).message).toMatch(/^folder must be an absolute folder path/);
    expect((await reject('output.setRecording', { filenamePattern: 'a/b' })).message).toMatch(/^filenamePattern must be a file name without/);
    expect((await reject('output.setRecording', { format: 'avi' })).message).toMatch(/^format must be one of "mkv", "fmp4"/);
    expect((await reject('output.setRecording', { minFreeMb: -1 })).field).toBe('minFreeMb');
    await must('output.setUplink', { uplinkKbps: 12_000 });
    expect(store.get().output.uplinkKbps).toBe(12_000);
    expect((await reject('output.setUplink', { uplinkKbps: 1.5 })).field).toBe('uplinkKbps');
  });

  it('saves the current settings as a template, applies it (and refuses while live), and removes it', async () => {
    const { store, state, must, reject } = await setup();
    await must('output.setEncoder', { bitrateKbps: 3300, preset: 'faster', encoder: 'libx264' });
    await must('template.save', { name: 'My show' });
    expect(store.get().output.templates).toEqual([expect.objectContaining({ name: 'My show', bitrateKbps: 3300, preset: 'faster', encoder: 'libx264' })]);
    expect((await reject('template.save', { name: 'my SHOW' })).code).toBe(Status.ResourceAlreadyExists);
    expect((await reject('template.save', { name: 'Twitch 1080p60 6000 kbps' })).code).toBe(Status.ResourceAlreadyExists);
    await must('output.setEncoder', { bitrateKbps: 4000 });
    await must('template.save', { name: 'My show', overwrite: true });
    expect(store.get().output.templates).toHaveLength(1);
    expect(store.get().output.templates[0]!.bitrateKbps).toBe(4000);

    await must('template.apply', { name: 'Twitch 1080p60 6000 kbps' });
    expect(store.get().output.encoder).toMatchObject({ bitrateKbps: 6000, encoder: 'auto', profile: 'high' });
    expect(store.get().video).toMatchObject({ outputWidth: 1920, outputHeight: 1080, fpsNumerator: 60 });
    // While live a template may change the bitrate and tuning, not the encoder or frame rate.
    state.live = true;
    expect((await reject('template.apply', { name: 'My show' })).code).toBe(Status.OutputRunning);
    state.live = false;
    await must('template.apply', { name: 'my show' });
    expect(store.get().output.encoder.bitrateKbps).toBe(4000);

    expect((await reject('template.remove', { name: 'YouTube 1080p30 4500' })).message).toMatch(/built-in/);
    await must('template.remove', { name: 'My show' });
    expect(store.get().output.templates).toEqual([]);
    expect((await reject('template.remove', { name: 'My show' })).code).toBe(Status.ResourceNotFound);
  });
});

describe('webhooks and their signing secret', () => {
  it('generates a secret once when none is given, keeps it out of the document, and removes it with the webhook', async () => {
    const { store, secrets, must, reject } = await setup();
    const { id, secret } = await must<{ id: string; secret: string | null }>('webhook.upsert', { url: 'https://hooks.example.com/studio?token=abc' });
    expect(secret).toMatch(/^[\w-]{32}$/);
    expect(store.get().webhooks).toEqual([
      { id, name: 'hooks.example.com', url: 'https://hooks.example.com/studio?token=abc', enabled: true, events: expect.arrayContaining(['stream.started', 'recording.saved']), hasSecret: true },
    ]);
    expect(JSON.stringify(store.get())).not.toContain(secret!);
    expect(await secrets.get(`webhook:${id}:secret`)).toBe(secret);

    const updated = await must<{ id: string; secret: string | null }>('webhook.upsert', { id, events: ['stream.started'], secret: 'a-secret-chosen-by-the-user' });
    expect(updated).toEqual({ id, secret: null });
    expect(store.get().webhooks[0]!.events).toEqual(['stream.started']);
    expect(await secrets.get(`webhook:${id}:secret`)).toBe('a-secret-chosen-by-the-user');

    expect((await reject('webhook.upsert', { url: 'ftp://x.example.com' })).message).toMatch(/^url must be an http:\/\/ or https:\/\/ URL/);
    expect((await reject('webhook.upsert', { url: 'https://x.example.com', events: [] })).field).toBe('events');
    expect((await reject('webhook.upsert', { url: 'https://x.example.com', events: ['stream.started', 'stream.started'] })).field).toBe('events');
    expect((await reject('webhook.upsert', { url: 'https://x.example.com', secret: 'short' })).field).toBe('secret');
    expect((await reject('webhook.upsert', { id: 'nope', enabled: false })).code).toBe(Status.ResourceNotFound);

    await must('webhook.remove', { id });
    expect(store.get().webhooks).toEqual([]);
    expect(await secrets.get(`webhook:${id}:secret`)).toBeUndefined();
  });
});

describe('input audio (mute and volume)', () => {
  it('new inputs start unmuted at full volume; input.setAudio changes a tone and says so once', async () => {
    const { store, events, must, addInput } = await setup();
    const { inputUuid } = await addInput('Tone', 'audio_test_tone');
    const tone = () => store.get().inputs.find((i) => i.uuid === inputUuid)!;
    expect(tone()).toMatchObject({ kind: 'audio_test_tone', settings: { frequency: 440 }, muted: false, volumeMul: 1 });

    events.length = 0;
    await must('input.setAudio', { inputUuid, muted: true });
    expect(tone()).toMatchObject({ muted: true, volumeMul: 1 });
    expect(events.map((e) => e.type)).toEqual(['input.audioChanged', 'document.changed']);
    expect(events[0]!.data).toEqual({ inputUuid, inputName: 'Tone', muted: true, volumeMul: 1, ...MIXER_DEFAULTS });

    // One field at a time leaves the other as it was.
    await must('input.setAudio', { inputUuid, volumeMul: 0.25 });
    expect(tone()).toMatchObject({ muted: true, volumeMul: 0.25 });
    await must('input.setAudio', { inputUuid, muted: false, volumeMul: 20 });
    expect(tone()).toMatchObject({ muted: false, volumeMul: 20 });

    // Nothing changed: no audio event to pass on.
    events.length = 0;
    await must('input.setAudio', { inputUuid, muted: false });
    expect(events.map((e) => e.type)).toEqual(['document.changed']);
  });

  it('refuses inputs without audio, unknown inputs and volumes outside 0..20', async () => {
    const { store, addInput, reject } = await setup();
    const { inputUuid: color } = await addInput('Color');
    const noAudio = await reject('input.setAudio', { inputUuid: color, muted: true });
    expect(noAudio.code).toBe(Status.InvalidResourceState);
    expect(noAudio.message).toBe('"Color" does not support audio, so it has no mute or volume.');
    expect(store.get().inputs[0]).toMatchObject({ muted: false, volumeMul: 1 });

    const { inputUuid } = await addInput('Tone', 'audio_test_tone');
    expect((await reject('input.setAudio', { inputUuid: 'nope', muted: true })).code).toBe(Status.ResourceNotFound);
    expect((await reject('input.setAudio', { inputUuid, volumeMul: 21 })).field).toBe('volumeMul');
    expect((await reject('input.setAudio', { inputUuid, volumeMul: -0.1 })).field).toBe('volumeMul');
    expect((await reject('input.setAudio', { inputUuid, muted: 'yes' })).field).toBe('muted');
    expect((await reject('input.setAudio', { inputUuid, balance: 1.5 })).field).toBe('balance');
    expect((await reject('input.setAudio', { inputUuid, syncOffsetMs: -951 })).field).toBe('syncOffsetMs');
    expect((await reject('input.setAudio', { inputUuid, syncOffsetMs: 20001 })).field).toBe('syncOffsetMs');
    expect((await reject('input.setAudio', { inputUuid, syncOffsetMs: 1.5 })).field).toBe('syncOffsetMs');
    expect((await reject('input.setAudio', { inputUuid, monitorType: 'loud' })).field).toBe('monitorType');
    expect((await reject('input.setAudio', { inputUuid, audioTracks: [true] })).field).toBe('audioTracks');
  });

  it('keeps balance, sync offset, monitoring and tracks (OBS defaults first) and says what changed', async () => {
    const { store, events, must, addInput } = await setup();
    const { inputUuid } = await addInput('Tone', 'audio_test_tone');
    const tone = () => store.get().inputs.find((i) => i.uuid === inputUuid)!;
    expect(tone()).toMatchObject({ balance: 0.5, syncOffsetMs: 0, monitorType: 'none', audioTracks: [true, true, true, true, true, true] });
    events.length = 0;
    const tracks = [true, false, true, true, true, true];
    await must('input.setAudio', { inputUuid, balance: 0, syncOffsetMs: -950, monitorType: 'monitorAndOutput', audioTracks: tracks });
    expect(tone()).toMatchObject({ balance: 0, syncOffsetMs: -950, monitorType: 'monitorAndOutput', audioTracks: tracks, muted: false, volumeMul: 1 });
    expect(events[0]!.data).toMatchObject({ balance: 0, syncOffsetMs: -950, monitorType: 'monitorAndOutput', audioTracks: tracks });
    events.length = 0;
    await must('input.setAudio', { inputUuid, audioTracks: [...tracks] });
    expect(events.map((e) => e.type)).toEqual(['document.changed']);
  });

  it('the tone checks its frequency like any setting', async () => {
    const { must, addInput, reject, sceneUuid } = await setup();
    const { inputUuid } = await addInput('Tone', 'audio_test_tone', { settings: { frequency: 1000 } });
    await must('input.update', { inputUuid, settings: { frequency: 20000 } });
    expect((await reject('input.update', { inputUuid, settings: { frequency: 19 } })).code).toBe(Status.OutOfRange);
    expect((await reject('input.create', { sceneUuid, name: 'Bad', kind: 'audio_test_tone', settings: { frequency: 440.5 } })).field).toBe(
      'settings.frequency',
    );
  });
});

describe('studio mode (preview / program / take)', () => {
  it('starts off; preview and take are refused with StudioModeNotActive until it is on', async () => {
    const { store, must, reject, sceneUuid } = await setup();
    expect(store.get()).toMatchObject({ studioMode: false, previewSceneUuid: sceneUuid });
    const { sceneUuid: two } = await must<{ sceneUuid: string }>('scene.create', { name: 'Two' });
    const off = await reject('scene.setPreview', { sceneUuid: two });
    expect(off.code).toBe(Status.StudioModeNotActive);
    expect(off.code).toBe(506);
    expect((await reject('studio.take', {})).code).toBe(Status.StudioModeNotActive);
    expect((await reject('studio.setMode', { enabled: 'yes' })).field).toBe('enabled');
    expect((await reject('studio.take', { now: true })).field).toBe('now');
  });

  it('turning it on shows program on preview; setPreview leaves program; take swaps them', async () => {
    const { store, events, types, must, reject, sceneUuid } = await setup();
    const { sceneUuid: two } = await must<{ sceneUuid: string }>('scene.create', { name: 'Two' });
    events.length = 0;
    await must('studio.setMode', { enabled: true });
    expect(types()).toEqual(['studio.modeChanged', 'scene.previewChanged', 'document.changed']);
    expect(events[0]!.data).toEqual({ enabled: true });
    expect(store.get()).toMatchObject({ studioMode: true, previewSceneUuid: sceneUuid, currentSceneUuid: sceneUuid });

    events.length = 0;
    await must('scene.setPreview', { sceneUuid: two });
    expect(types()).toEqual(['scene.previewChanged', 'document.changed']);
    expect(events[0]!.data).toEqual({ sceneUuid: two, sceneName: 'Two' });
    expect(store.get()).toMatchObject({ previewSceneUuid: two, currentSceneUuid: sceneUuid });
    expect((await reject('scene.setPreview', { sceneUuid: 'nope' })).code).toBe(Status.ResourceNotFound);

    events.length = 0;
    await must('studio.take', {});
    expect(types()).toEqual(['scene.currentChanged', 'scene.previewChanged', 'document.changed']);
    expect(events[0]!.data).toEqual({ sceneUuid: two, sceneName: 'Two' });
    expect(events[1]!.data).toEqual({ sceneUuid, sceneName: 'Scene' });
    expect(store.get()).toMatchObject({ currentSceneUuid: two, previewSceneUuid: sceneUuid });

    // Same state again: nothing to announce.
    events.length = 0;
    await must('studio.setMode', { enabled: true });
    expect(types()).toEqual(['document.changed']);
    events.length = 0;
    await must('studio.setMode', { enabled: false });
    expect(types()).toEqual(['studio.modeChanged', 'document.changed']);
    expect(store.get()).toMatchObject({ studioMode: false, currentSceneUuid: two, previewSceneUuid: sceneUuid });
  });

  it('removing the preview scene moves preview to the program scene', async () => {
    const { store, events, types, must, sceneUuid } = await setup();
    const { sceneUuid: two } = await must<{ sceneUuid: string }>('scene.create', { name: 'Two' });
    await must('studio.setMode', { enabled: true });
    await must('scene.setPreview', { sceneUuid: two });
    events.length = 0;
    await must('scene.remove', { sceneUuid: two });
    expect(types()).toEqual(['scene.removed', 'scene.previewChanged', 'document.changed']);
    expect(events[1]!.data).toEqual({ sceneUuid, sceneName: 'Scene' });
    expect(store.get()).toMatchObject({ currentSceneUuid: sceneUuid, previewSceneUuid: sceneUuid });
  });
});
