import { describe, expect, it } from 'vitest';
import { Status, type CommandType } from '../../shared';
import { KindRegistry } from '../kinds/registry';
import { collectionFileSchema, collectionJson, profileFileSchema, profileJson } from '../persistence/files';
import { blankDocument } from './defaults';
import { DocumentStore } from './store';

const secrets = { get: async () => undefined, set: async () => {}, delete: async () => {} };

function setup(live = false) {
  let n = 0;
  const newId = () => `id-${++n}`;
  const state = { live };
  const store = new DocumentStore({ initial: blankDocument(newId), kinds: new KindRegistry(), secrets, emit: () => {}, isLive: () => state.live, newId });
  const must = async <T = unknown>(type: CommandType, args: unknown): Promise<T> => {
    const r = await store.execute(type, args);
    if (!r.ok) throw new Error(`${type} failed: ${r.error.message}`);
    return r.value as T;
  };
  const refuse = async (type: CommandType, args: unknown) => {
    const before = store.get();
    const r = await store.execute(type, args);
    if (r.ok) throw new Error(`${type} unexpectedly succeeded`);
    expect(store.get()).toBe(before);
    return r.error;
  };
  return { store, must, refuse, state };
}

describe('canvas commands', () => {
  it('a new canvas takes the vertical defaults; fields change one by one', async () => {
    const t = setup();
    expect(t.store.get().canvases).toBeUndefined();
    await t.must('canvas.set', { id: 'vertical' });
    expect(t.store.get().canvases).toEqual([{ id: 'vertical', name: 'Vertical', width: 1080, height: 1920, enabled: true, programSceneUuid: '' }]);
    const { sceneUuid } = await t.must<{ sceneUuid: string }>('scene.create', { name: 'Shorts' });
    await t.must('canvas.set', { id: 'vertical', programSceneUuid: sceneUuid, width: 720, height: 1280, bitrateKbps: 3000 });
    expect(t.store.get().canvases![0]).toMatchObject({ programSceneUuid: sceneUuid, width: 720, height: 1280, bitrateKbps: 3000 });
  });

  it('refuses bad input naming the field', async () => {
    const t = setup();
    expect((await t.refuse('canvas.set', { id: 'main' })).message).toMatch(/main canvas/);
    expect((await t.refuse('canvas.set', { id: 'Vertical!' })).field ?? '').toMatch(/id/);
    expect((await t.refuse('canvas.set', { id: 'v', width: 1082 })).message).toMatch(/width.*multiple of 4/s);
    expect((await t.refuse('canvas.set', { id: 'v', height: 1081 })).message).toMatch(/height.*even/s);
    expect((await t.refuse('canvas.set', { id: 'v', height: 8000 })).message).toMatch(/height/);
    expect((await t.refuse('canvas.set', { id: 'v', programSceneUuid: 'nope' })).field).toBe('programSceneUuid');
    expect((await t.refuse('canvas.set', { id: 'v', colour: 1 })).message).toMatch(/colour/);
    for (const id of ['a', 'b', 'c', 'd']) await t.must('canvas.set', { id });
    expect((await t.refuse('canvas.set', { id: 'e' })).message).toMatch(/at most 4/);
    expect((await t.refuse('canvas.remove', { id: 'zz' })).code).toBe(Status.ResourceNotFound);
  });

  it('keeps what an encoder reads while live, but the program scene may change', async () => {
    const t = setup();
    await t.must('canvas.set', { id: 'vertical' });
    const { sceneUuid } = await t.must<{ sceneUuid: string }>('scene.create', { name: 'Shorts' });
    t.state.live = true;
    expect((await t.refuse('canvas.set', { id: 'vertical', width: 720 })).code).toBe(Status.OutputRunning);
    expect((await t.refuse('canvas.set', { id: 'vertical', enabled: false })).field).toBe('enabled');
    expect((await t.refuse('canvas.remove', { id: 'vertical' })).code).toBe(Status.OutputRunning);
    await t.must('canvas.set', { id: 'vertical', programSceneUuid: sceneUuid });
  });

  it('while live, a new canvas may be made only off', async () => {
    const t = setup(true);
    expect((await t.refuse('canvas.set', { id: 'vertical' })).field).toBe('enabled');
    await t.must('canvas.set', { id: 'vertical', enabled: false });
    expect(t.store.get().canvases).toMatchObject([{ id: 'vertical', enabled: false }]);
  });

  it('destinations name an existing canvas; removing it moves them back to main', async () => {
    const t = setup();
    const { id } = await t.must<{ id: string }>('destination.upsert', { name: 'Shorts', server: 'rtmp://127.0.0.1/live' });
    expect((await t.refuse('destination.upsert', { id, canvas: 'vertical' })).message).toMatch(/canvas: there is no canvas "vertical"; the canvases are main/);
    await t.must('canvas.set', { id: 'vertical' });
    await t.must('destination.upsert', { id, canvas: 'vertical' });
    expect(t.store.get().destinations[0]!.canvas).toBe('vertical');
    await t.must('destination.upsert', { id, canvas: 'main' });
    expect('canvas' in t.store.get().destinations[0]!).toBe(false);
    await t.must('destination.upsert', { id, canvas: 'vertical' });
    await t.must('canvas.remove', { id: 'vertical' });
    expect(t.store.get().canvases).toEqual([]);
    expect('canvas' in t.store.get().destinations[0]!).toBe(false);
  });

  it('a removed scene leaves the canvas showing nothing', async () => {
    const t = setup();
    const { sceneUuid } = await t.must<{ sceneUuid: string }>('scene.create', { name: 'Shorts' });
    await t.must('canvas.set', { id: 'vertical', programSceneUuid: sceneUuid });
    await t.must('scene.remove', { sceneUuid });
    expect(t.store.get().canvases![0]!.programSceneUuid).toBe('');
  });

  it('undo and redo cover canvas edits like other collection edits', async () => {
    const t = setup();
    await t.must('canvas.set', { id: 'vertical' });
    await t.must('canvas.set', { id: 'vertical', width: 720, height: 1280 });
    expect(t.store.historyState().undo).toBe('Change canvas');
    await t.store.step('undo');
    expect(t.store.get().canvases![0]).toMatchObject({ width: 1080, height: 1920 });
    await t.store.step('undo');
    expect(t.store.get().canvases ?? []).toEqual([]);
    await t.store.step('redo');
    await t.store.step('redo');
    expect(t.store.get().canvases![0]).toMatchObject({ width: 720, height: 1280 });
  });

  it('saves and loads: old files load unchanged, canvases and destination canvases round-trip', async () => {
    const t = setup();
    const old = JSON.parse(collectionJson(t.store.get()));
    expect('canvases' in old).toBe(false);
    expect(collectionFileSchema.parse(old).canvases).toBeUndefined();
    await t.must('canvas.set', { id: 'vertical' });
    await t.must('destination.upsert', { name: 'Shorts', server: 'rtmp://127.0.0.1/live', canvas: 'vertical' });
    const c = collectionFileSchema.parse(JSON.parse(collectionJson(t.store.get())));
    expect(c.canvases).toEqual(t.store.get().canvases);
    const p = profileFileSchema.parse(JSON.parse(profileJson(t.store.get())));
    expect(p.destinations[0]!.canvas).toBe('vertical');
  });
});
