/**
 * Nested scenes and groups in the document store: a scene shown in another (never inside itself,
 * directly or indirectly), removal as OBS does it (a removed scene's items elsewhere go too, a group
 * goes with its item), grouping and ungrouping with the canvas placement kept, and undo/redo of each.
 */
import { describe, expect, it } from 'vitest';
import { Status, sceneReaches, shownSources, type StudioEvent, type Transform } from '../../shared';
import { KindRegistry } from '../kinds/registry';
import { collectionJson } from '../persistence/files';
import { parseCollection, type LoadNotice } from '../persistence/load';
import { FileSecretStore } from '../persistence/secrets';
import { blankDocument } from './defaults';
import { composeTransform } from './nesting';
import { DocumentStore } from './store';

function setup() {
  let n = 0;
  const events: StudioEvent[] = [];
  const store = new DocumentStore({
    initial: blankDocument(() => `id-${++n}`),
    kinds: new KindRegistry(),
    secrets: new FileSecretStore('/nonexistent-nesting-test'),
    emit: (e) => events.push(e),
    isLive: () => false,
    newId: () => `id-${++n}`,
  });
  const must = async <T>(type: Parameters<DocumentStore['execute']>[0], args: unknown): Promise<T> => {
    const r = await store.execute(type, args);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as T;
  };
  const refused = async (type: Parameters<DocumentStore['execute']>[0], args: unknown) => {
    const r = await store.execute(type, args);
    if (r.ok) throw new Error(`${type} was accepted`);
    return r.error;
  };
  const scene = (uuid: string) => store.get().scenes.find((s) => s.uuid === uuid)!;
  return { store, must, refused, events, scene };
}

describe('nested scenes', () => {
  it('shows a scene in another and refuses a scene inside itself, directly or indirectly', async () => {
    const t = setup();
    const main = t.store.get().currentSceneUuid;
    const { sceneUuid: a } = await t.must<{ sceneUuid: string }>('scene.create', { name: 'A' });
    const { sceneUuid: b } = await t.must<{ sceneUuid: string }>('scene.create', { name: 'B' });
    const { sceneItemId } = await t.must<{ sceneItemId: number }>('item.create', { sceneUuid: main, sourceUuid: a, transform: { positionX: 100 } });
    expect(t.scene(main).items).toEqual([expect.objectContaining({ sceneItemId, sourceUuid: a, enabled: true, transform: expect.objectContaining({ positionX: 100 }) })]);
    expect(t.events).toContainEqual({ type: 'item.created', data: { sceneUuid: main, sceneItemId, sourceUuid: a, index: 0 } });
    await t.must('item.create', { sceneUuid: a, sourceUuid: b });

    const self = await t.refused('item.create', { sceneUuid: a, sourceUuid: a });
    expect(self).toMatchObject({ code: Status.CannotAct, message: 'A scene cannot be shown inside itself: "A" would contain "A".' });
    // main → A → B: B showing main would loop through A.
    const loop = await t.refused('item.create', { sceneUuid: b, sourceUuid: main });
    expect(loop.code).toBe(Status.CannotAct);
    expect(loop.message).toContain('"Scene" already shows "B"');
    expect(await t.refused('item.create', { sceneUuid: main, sourceUuid: 'nope' })).toMatchObject({ code: Status.ResourceNotFound });
    expect(sceneReaches(t.store.get(), main, b)).toBe(true);
    expect(shownSources(t.store.get(), main)).toEqual(new Set([a, b]));
  });

  it('removing a scene removes its items in other scenes, as OBS; undo brings both back', async () => {
    const t = setup();
    const main = t.store.get().currentSceneUuid;
    const { sceneUuid: a } = await t.must<{ sceneUuid: string }>('scene.create', { name: 'A' });
    const { sceneItemId } = await t.must<{ sceneItemId: number }>('item.create', { sceneUuid: main, sourceUuid: a });
    t.events.length = 0;
    await t.must('scene.remove', { sceneUuid: a });
    expect(t.scene(main).items).toEqual([]);
    expect(t.events.map((e) => e.type).slice(0, 2)).toEqual(['item.removed', 'scene.removed']);
    expect(t.events[0]).toEqual({ type: 'item.removed', data: { sceneUuid: main, sceneItemId, sourceUuid: a } });
    await t.store.step('undo');
    expect(t.scene(main).items.map((i) => i.sourceUuid)).toEqual([a]);
    expect(t.scene(a).name).toBe('A');
    await t.store.step('redo');
    expect(t.store.get().scenes.map((s) => s.name)).toEqual(['Scene']);
  });
});

describe('groups', () => {
  async function grouped() {
    const t = setup();
    const main = t.store.get().currentSceneUuid;
    const red = await t.must<{ sceneItemId: number }>('input.create', {
      sceneUuid: main, name: 'Red', kind: 'color_source_v3', settings: { color: 0xff0000ff, width: 100, height: 100 }, transform: { positionX: 10, positionY: 20 },
    });
    const blue = await t.must<{ sceneItemId: number }>('input.create', { sceneUuid: main, name: 'Blue', kind: 'color_source_v3', settings: { width: 50, height: 50 } });
    const top = await t.must<{ sceneItemId: number }>('input.create', { sceneUuid: main, name: 'Top', kind: 'color_source_v3', settings: { width: 50, height: 50 } });
    const made = await t.must<{ groupUuid: string; sceneItemId: number }>('group.create', { sceneUuid: main, name: 'G', sceneItemIds: [red.sceneItemId, blue.sceneItemId] });
    return { t, main, red, blue, top, ...made };
  }

  it('moves the items into a group in their order, keeping their place; the group item takes their place', async () => {
    const { t, main, top, groupUuid, sceneItemId } = await grouped();
    const g = t.scene(groupUuid);
    expect(g.isGroup).toBe(true);
    expect(g.items.map((i) => [i.sceneItemId, t.store.get().inputs.find((x) => x.uuid === i.sourceUuid)!.name])).toEqual([[1, 'Red'], [2, 'Blue']]);
    expect(g.items[0]!.transform).toMatchObject({ positionX: 10, positionY: 20 });
    expect(t.scene(main).items.map((i) => i.sceneItemId)).toEqual([sceneItemId, top.sceneItemId]);
    expect(t.events).toContainEqual({ type: 'scene.created', data: { sceneUuid: groupUuid, sceneName: 'G', isGroup: true } });
    // A group is not a scene for program or preview, and it is shown by its one item only.
    expect(await t.refused('scene.setCurrent', { sceneUuid: groupUuid })).toMatchObject({ code: Status.InvalidResourceType });
    const { sceneUuid: other } = await t.must<{ sceneUuid: string }>('scene.create', { name: 'Other' });
    expect(await t.refused('item.create', { sceneUuid: other, sourceUuid: groupUuid })).toMatchObject({ code: Status.InvalidResourceState });
    expect(await t.refused('group.create', { sceneUuid: main, name: 'Red', sceneItemIds: [top.sceneItemId] })).toMatchObject({ code: Status.ResourceAlreadyExists });
    expect(await t.refused('group.create', { sceneUuid: main, name: 'H', sceneItemIds: [sceneItemId] })).toMatchObject({ code: Status.InvalidResourceState });
    // Its items are edited through the group, as OBS's item requests take a group's name.
    await t.must('item.setTransform', { sceneUuid: groupUuid, sceneItemId: 2, transform: { positionX: 300 } });
    expect(t.scene(groupUuid).items[1]!.transform.positionX).toBe(300);
  });

  it('removing the group item removes the group and its items; undo restores all of it', async () => {
    const { t, main, groupUuid, sceneItemId } = await grouped();
    t.events.length = 0;
    await t.must('item.remove', { sceneUuid: main, sceneItemId });
    expect(t.store.get().scenes.some((s) => s.uuid === groupUuid)).toBe(false);
    expect(t.events.map((e) => e.type)).toContain('scene.removed');
    expect(t.events.find((e) => e.type === 'scene.removed')!.data).toEqual({ sceneUuid: groupUuid, sceneName: 'G', isGroup: true });
    await t.store.step('undo');
    expect(t.scene(groupUuid).items).toHaveLength(2);
    expect(t.scene(main).items.some((i) => i.sourceUuid === groupUuid)).toBe(true);
  });

  it('ungroups with the group transform applied to its items, and undo regroups', async () => {
    const { t, main, groupUuid, sceneItemId } = await grouped();
    await t.must('item.setTransform', { sceneUuid: main, sceneItemId, transform: { positionX: 100, positionY: 50, scaleX: 2, scaleY: 2 } });
    await t.must('group.ungroup', { sceneUuid: main, sceneItemId });
    const items = t.scene(main).items;
    expect(items).toHaveLength(3);
    // Red was at (10, 20) in the group: the group at (100, 50) scaled 2× puts it at (120, 90), 2× larger.
    expect(items[0]!.transform).toMatchObject({ positionX: 120, positionY: 90, scaleX: 2, scaleY: 2 });
    expect(t.store.get().scenes.some((s) => s.uuid === groupUuid)).toBe(false);
    await t.store.step('undo');
    expect(t.scene(groupUuid).isGroup).toBe(true);
  });

  it('composes rotation about the group alignment point', () => {
    const group: Transform = { positionX: 0, positionY: 0, rotation: 90, scaleX: 1, scaleY: 1, alignment: 5, cropLeft: 0, cropRight: 0, cropTop: 0, cropBottom: 0 };
    const child: Transform = { ...group, rotation: 0, positionX: 10, positionY: 0 };
    const out = composeTransform(group, 1280, 720, child);
    expect(out.positionX).toBeCloseTo(0);
    expect(out.positionY).toBeCloseTo(10);
    expect(out.rotation).toBe(90);
  });
});

describe('saved collections', () => {
  it('keep nested scene items and groups across save and load; an item closing a loop is dropped and named', async () => {
    const t = setup();
    const main = t.store.get().currentSceneUuid;
    const { sceneUuid: inner } = await t.must<{ sceneUuid: string }>('scene.create', { name: 'Inner' });
    await t.must('item.create', { sceneUuid: main, sourceUuid: inner });
    const red = await t.must<{ sceneItemId: number }>('input.create', { sceneUuid: main, name: 'Red', kind: 'color_source_v3', settings: { width: 10, height: 10 } });
    const { groupUuid } = await t.must<{ groupUuid: string }>('group.create', { sceneUuid: main, name: 'G', sceneItemIds: [red.sceneItemId] });
    const kinds = new KindRegistry();
    const text = collectionJson(t.store.get());
    const notices: LoadNotice[] = [];
    const loaded = parseCollection(text, kinds, notices);
    if (typeof loaded === 'string') throw new Error(loaded);
    expect(notices).toEqual([]);
    expect(loaded.scenes).toEqual(t.store.get().scenes);
    expect(loaded.scenes.find((s) => s.uuid === groupUuid)!.isGroup).toBe(true);

    // A hand-edited file where Inner shows Scene, which shows Inner.
    const c = JSON.parse(text) as { scenes: { uuid: string; items: unknown[] }[] };
    c.scenes.find((s) => s.uuid === inner)!.items.push({ sceneItemId: 5, sourceUuid: main, enabled: true, locked: false, transform: t.scene(main).items[0]!.transform });
    const repaired = parseCollection(JSON.stringify(c), kinds, notices);
    if (typeof repaired === 'string') throw new Error(repaired);
    expect(sceneReaches(repaired, inner, main)).toBe(false);
    expect(repaired.scenes.find((s) => s.uuid === inner)!.items).toEqual([]);
    expect(notices.map((n) => n.message)).toEqual(['Scene "Inner" was shown inside itself; that item was removed.']);
  });
});
