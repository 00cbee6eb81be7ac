/**
 * Undo and redo in the document store: every collection edit is one step whoever sent it, a drag's
 * transforms merge into one, the profile is never rolled back, and a new edit drops the redo path.
 */
import { describe, expect, it } from 'vitest';
import { Status, type StudioEvent } from '../../shared';
import { KindRegistry } from '../kinds/registry';
import { FileSecretStore } from '../persistence/secrets';
import { blankDocument } from './defaults';
import { isUndoable, labelOf } from './history';
import { DocumentStore } from './store';

function setup() {
  let n = 0;
  let now = 10_000;
  const events: StudioEvent[] = [];
  const store = new DocumentStore({
    initial: blankDocument(() => `id-${++n}`),
    kinds: new KindRegistry(),
    secrets: new FileSecretStore('/nonexistent-undo-test'),
    emit: (e) => events.push(e),
    isLive: () => false,
    newId: () => `id-${++n}`,
    now: () => now,
  });
  const must = async <T>(type: Parameters<DocumentStore['execute']>[0], args: unknown): Promise<T> => {
    const r = await store.execute(type, args);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as T;
  };
  const history = () => store.historyState();
  return { store, must, events, history, tick: (ms: number) => (now += ms) };
}

describe('undo history', () => {
  it('undoes and redoes scene and input edits in order, with labels and events', async () => {
    const t = setup();
    const sceneUuid = t.store.get().currentSceneUuid;
    const { sceneUuid: second } = await t.must<{ sceneUuid: string }>('scene.create', { name: 'Second' });
    await t.must('input.create', { sceneUuid, name: 'Red', kind: 'color_source_v3', settings: { color: 0xff0000ff } });
    expect(t.history()).toEqual({ undo: 'Create source', redo: null });

    expect(await t.store.step('undo')).toEqual({ ok: true, value: { label: 'Create source' } });
    expect(t.store.get().inputs).toEqual([]);
    // obs-websocket clients follow fine-grained events: the undone input is announced as removed.
    expect(t.events.some((e) => e.type === 'input.removed' && e.data.inputName === 'Red')).toBe(true);
    expect(t.store.get().scenes.map((s) => s.name)).toEqual(['Scene', 'Second']);
    expect(t.events.at(-1)).toMatchObject({ type: 'document.changed', data: { cause: 'history.undo' } });
    await t.store.step('undo');
    expect(t.store.get().scenes.map((s) => s.uuid)).toEqual([sceneUuid]);
    expect(t.history()).toEqual({ undo: null, redo: 'Create scene' });
    expect(await t.store.step('undo')).toMatchObject({ ok: false, error: { code: Status.InvalidResourceState, message: 'There is nothing to undo.' } });

    await t.store.step('redo');
    await t.store.step('redo');
    expect(t.store.get().scenes.map((s) => s.uuid)).toEqual([sceneUuid, second]);
    expect(t.store.get().inputs.map((i) => i.name)).toEqual(['Red']);
    expect(await t.store.step('redo')).toMatchObject({ ok: false, error: { message: 'There is nothing to redo.' } });
  });

  it("merges a drag's transforms into one step, but not moves a second apart", async () => {
    const t = setup();
    const sceneUuid = t.store.get().currentSceneUuid;
    const { sceneItemId } = await t.must<{ sceneItemId: number }>('input.create', { sceneUuid, name: 'Box', kind: 'color_source_v3' });
    for (let x = 10; x <= 100; x += 10) {
      t.tick(30);
      await t.must('item.setTransform', { sceneUuid, sceneItemId, transform: { positionX: x } });
    }
    t.tick(5000);
    await t.must('item.setTransform', { sceneUuid, sceneItemId, transform: { positionX: 500 } });
    const x = () => t.store.get().scenes[0]!.items[0]!.transform.positionX;
    expect(x()).toBe(500);
    await t.store.step('undo');
    expect(x()).toBe(100);
    await t.store.step('undo');
    expect(x()).toBe(0);
  });

  it('a drag put back where it began (Esc) leaves no step, even after a pause; a no-op transform is none', async () => {
    const t = setup();
    const sceneUuid = t.store.get().currentSceneUuid;
    const { sceneItemId } = await t.must<{ sceneItemId: number }>('input.create', { sceneUuid, name: 'Box', kind: 'color_source_v3' });
    await t.must('item.setTransform', { sceneUuid, sceneItemId, transform: { positionX: 40 } });
    t.tick(5000);
    // A second drag, then Esc after holding still longer than the merge window.
    await t.must('item.setTransform', { sceneUuid, sceneItemId, transform: { positionX: 90, scaleX: 2 } });
    t.tick(3000);
    await t.must('item.setTransform', { sceneUuid, sceneItemId, transform: { positionX: 40, scaleX: 1 } });
    expect(t.history()).toEqual({ undo: 'Change scene item transform', redo: null });
    await t.must('item.setTransform', { sceneUuid, sceneItemId, transform: { positionX: 40 } });
    await t.store.step('undo');
    expect(t.store.get().scenes[0]!.items[0]!.transform.positionX).toBe(0);
    expect(t.history()).toEqual({ undo: 'Create source', redo: 'Change scene item transform' });
  });

  it('commands of one undo group in a row are one step; the group field is no arg of the command', async () => {
    const t = setup();
    const sceneUuid = t.store.get().currentSceneUuid;
    await t.must('scene.create', { name: 'Before' });
    const made = await t.must<{ inputUuid: string; sceneItemId: number }>('input.create', { sceneUuid, name: 'Copy', kind: 'color_source_v3', undoGroup: 'g1' });
    t.tick(5000);
    await t.must('filter.create', { sourceUuid: made.inputUuid, name: 'Mask', kind: 'color_filter_v2', undoGroup: 'g1' });
    await t.must('item.setTransform', { sceneUuid, sceneItemId: made.sceneItemId, transform: { positionX: 7 }, undoGroup: 'g1' });
    // A drag right after is the user's own step, not part of the duplicate.
    await t.must('item.setTransform', { sceneUuid, sceneItemId: made.sceneItemId, transform: { positionX: 9 } });
    await t.store.step('undo');
    expect(t.store.get().scenes[0]!.items[0]!.transform.positionX).toBe(7);
    await t.store.step('undo');
    expect(t.store.get().inputs).toEqual([]);
    expect(t.history()).toEqual({ undo: 'Create scene', redo: 'Create source' });
    await t.store.step('redo');
    expect(t.store.get().inputs[0]!.filters.map((f) => f.name)).toEqual(['Mask']);
    expect(t.store.get().scenes[0]!.items[0]!.transform.positionX).toBe(7);
    const bad = await t.store.execute('scene.create', { name: 'X', undoGroup: 5 });
    expect(bad).toMatchObject({ ok: false, error: { message: expect.stringContaining('undoGroup') } });
  });

  it('never rolls back the profile, and a new edit drops what could be redone', async () => {
    const t = setup();
    const sceneUuid = t.store.get().currentSceneUuid;
    await t.must('input.create', { sceneUuid, name: 'A', kind: 'color_source_v3' });
    await t.must('output.setUplink', { uplinkKbps: 6000 });
    await t.store.step('undo');
    expect(t.store.get().inputs).toEqual([]);
    expect(t.store.get().output.uplinkKbps).toBe(6000);
    await t.must('scene.create', { name: 'Other' });
    expect(t.history()).toEqual({ undo: 'Create scene', redo: null });
  });

  it('a restored collection keeps a current scene that exists', async () => {
    const t = setup();
    const { sceneUuid } = await t.must<{ sceneUuid: string }>('scene.create', { name: 'New' });
    await t.must('scene.setCurrent', { sceneUuid });
    await t.store.step('undo');
    const doc = t.store.get();
    expect(doc.scenes.some((s) => s.uuid === doc.currentSceneUuid)).toBe(true);
    expect(doc.scenes.some((s) => s.uuid === doc.previewSceneUuid)).toBe(true);
  });

  it('knows what is an edit', () => {
    expect(['scene.create', 'item.setTransform', 'input.setSettings', 'filter.create'].every(isUndoable)).toBe(true);
    expect(['scene.setCurrent', 'input.setAudio', 'video.set', 'destination.upsert', 'stream.start'].some(isUndoable)).toBe(false);
    expect(labelOf('item.setTransform')).toBe('Change scene item transform');
    expect(labelOf('scene.remove')).toBe('Remove scene');
  });
});
