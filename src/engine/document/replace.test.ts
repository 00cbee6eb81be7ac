/**
 * DocumentStore.replace: another collection or profile put in place in one step, queued behind
 * commands, with the events a follower of fine-grained events needs, and a fresh undo history for a
 * new collection; a failed load changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { Status, fail, ok, type StudioEvent } from '../../shared';
import { KindRegistry } from '../kinds/registry';
import { blankDocument, emptyScene } from './defaults';
import { DocumentStore } from './store';

function setup() {
  const events: StudioEvent[] = [];
  let n = 0;
  const secrets = new Map<string, string>();
  const store = new DocumentStore({
    initial: blankDocument(() => 'scene-a'),
    kinds: new KindRegistry(),
    secrets: { get: async (k) => secrets.get(k), set: async (k, v) => void secrets.set(k, v), delete: async (k) => void secrets.delete(k) },
    emit: (e) => events.push(e),
    isLive: () => false,
    newId: () => `id-${++n}`,
  });
  return { store, events };
}

describe('DocumentStore.replace', () => {
  it('puts another collection in place with removed/created/current events and clears undo', async () => {
    const { store, events } = setup();
    await store.execute('scene.create', { name: 'Extra' });
    expect(store.historyState().undo).not.toBeNull();
    const other = emptyScene('scene-z', 'Elsewhere');
    events.length = 0;
    const r = await store.replace('collection.switch', async () =>
      ok({ part: { scenes: [other], inputs: [], currentSceneUuid: 'scene-z', previewSceneUuid: 'scene-z', studioMode: true }, value: 7 }),
    );
    expect(r).toEqual({ ok: true, value: 7 });
    expect(store.get().scenes.map((s) => s.name)).toEqual(['Elsewhere']);
    expect(store.get().studioMode).toBe(true);
    expect(events.map((e) => e.type)).toEqual([
      'scene.removed',
      'scene.removed',
      'scene.created',
      'scene.currentChanged',
      'studio.modeChanged',
      'scene.previewChanged',
      'document.changed',
    ]);
    expect(events.at(-1)?.data).toMatchObject({ cause: 'collection.switch' });
    expect(store.historyState()).toEqual({ undo: null, redo: null });
    expect(await store.step('undo')).toMatchObject({ ok: false });
  });

  it('puts another profile in place: video.changed, no watermark left behind, undo history kept', async () => {
    const { store, events } = setup();
    await store.execute('scene.create', { name: 'Extra' });
    await store.execute('watermark.set', { enabled: true, type: 'text', text: 'Old profile' });
    const before = store.get();
    events.length = 0;
    const r = await store.replace('profile.switch', async () =>
      ok({ part: { video: { ...before.video, baseWidth: 1920, baseHeight: 1080, outputWidth: 1920, outputHeight: 1080 }, output: before.output, destinations: [], webhooks: [], watermark: undefined }, value: null }),
    );
    expect(r.ok).toBe(true);
    expect(store.get().video.baseWidth).toBe(1920);
    expect('watermark' in store.get()).toBe(false);
    expect(store.get().scenes).toBe(before.scenes);
    expect(events.map((e) => e.type)).toEqual(['video.changed', 'document.changed']);
    expect(store.historyState().undo).not.toBeNull();
  });

  it('runs after commands already queued, and a failed load changes nothing', async () => {
    const { store, events } = setup();
    const order: string[] = [];
    const created = store.execute('scene.create', { name: 'Queued first' }).then(() => order.push('command'));
    const replaced = store.replace('collection.switch', async () => {
      order.push(`load saw ${store.get().scenes.length} scenes`);
      return fail(Status.FileUnreadable, 'gone');
    });
    await Promise.all([created, replaced]);
    expect(order).toEqual(['command', 'load saw 2 scenes']);
    expect(await replaced).toMatchObject({ ok: false, error: { message: 'gone' } });
    expect(store.get().scenes.map((s) => s.name)).toEqual(['Scene', 'Queued first']);
    expect(events.filter((e) => e.type === 'document.changed')).toHaveLength(1);
  });
});
