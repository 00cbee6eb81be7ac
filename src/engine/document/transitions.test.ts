/**
 * Scene transition overrides (OBS's per-scene Transition Override) through the real DocumentStore:
 * set, partly removed, refused with what to change, saved with the collection, and chosen by
 * transitionInto for a switch to that scene. And transition.set keeping each kind's own settings
 * across switches of kind, for the current transition and an override alike.
 */
import { describe, expect, it } from 'vitest';
import { transitionInto, type StudioDocument } from '../../shared';
import { KindRegistry } from '../kinds/registry';
import { collectionJson } from '../persistence/files';
import { parseCollection, type LoadNotice } from '../persistence/load';
import { blankDocument } from './defaults';
import { sceneSchema } from './schemas';
import { DocumentStore } from './store';

function setup() {
  let n = 0;
  const newId = () => `id-${++n}`;
  const store = new DocumentStore({
    initial: blankDocument(newId),
    kinds: new KindRegistry(),
    emit: () => {},
    isLive: () => false,
    newId,
    // No command here touches a secret.
    secrets: { get: async () => undefined, set: async () => {}, delete: async () => {} },
  });
  const must = async (type: Parameters<DocumentStore['execute']>[0], args: unknown) => {
    const r = await store.execute(type, args);
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  return { store, must };
}

const sceneOf = (doc: StudioDocument, uuid: string) => doc.scenes.find((s) => s.uuid === uuid)!;

describe('scene.setTransitionOverride', () => {
  it('sets, changes and removes a scene override; a switch to that scene uses it', async () => {
    const { store, must } = setup();
    const first = store.get().currentSceneUuid;
    const { sceneUuid } = (await must('scene.create', { name: 'Guest' })) as { sceneUuid: string };
    await must('transition.set', { kind: 'fade_transition', durationMs: 700, settings: {} });
    expect(transitionInto(store.get(), sceneUuid)).toEqual({ kind: 'fade_transition', durationMs: 700, settings: {} });

    await must('scene.setTransitionOverride', { sceneUuid, kind: 'slide_transition' });
    expect(sceneOf(store.get(), sceneUuid).transitionOverride).toEqual({ kind: 'slide_transition' });
    // OBS's default duration for an override without one; another kind runs with its defaults.
    expect(transitionInto(store.get(), sceneUuid)).toEqual({ kind: 'slide_transition', durationMs: 300, settings: {} });
    // Only switches *to* the scene are overridden.
    expect(transitionInto(store.get(), first).kind).toBe('fade_transition');

    await must('scene.setTransitionOverride', { sceneUuid, durationMs: 1200 });
    expect(transitionInto(store.get(), sceneUuid)).toMatchObject({ kind: 'slide_transition', durationMs: 1200 });
    // Saved with the scene (the collection file's schema keeps it).
    expect(sceneSchema.parse(sceneOf(store.get(), sceneUuid)).transitionOverride).toEqual({ kind: 'slide_transition', durationMs: 1200 });

    // The current kind as override keeps the current settings.
    await must('transition.set', { kind: 'slide_transition', settings: { direction: 'up' } });
    expect(transitionInto(store.get(), sceneUuid).settings).toEqual({ direction: 'up' });

    // null removes a part; a duration alone overrides nothing.
    await must('scene.setTransitionOverride', { sceneUuid, kind: null });
    expect(sceneOf(store.get(), sceneUuid).transitionOverride).toEqual({ durationMs: 1200 });
    expect(transitionInto(store.get(), sceneUuid)).toMatchObject({ kind: 'slide_transition', durationMs: 700 });
    await must('scene.setTransitionOverride', { sceneUuid, durationMs: null });
    expect('transitionOverride' in sceneOf(store.get(), sceneUuid)).toBe(false);
  });

  it('refuses an unknown scene, an unknown kind, a bad duration and an empty request, with what to change', async () => {
    const { store } = setup();
    const sceneUuid = store.get().currentSceneUuid;
    const cases: [unknown, number, string | undefined][] = [
      [{ sceneUuid: 'nope', kind: 'fade_transition' }, 600, 'sceneUuid'],
      [{ sceneUuid, kind: 'wipe_transition' }, 400, 'kind'],
      [{ sceneUuid, kind: 'color_source_v3' }, 400, 'kind'],
      [{ sceneUuid, durationMs: 10 }, 402, 'durationMs'],
      [{ sceneUuid }, 300, undefined],
    ];
    for (const [args, code, field] of cases) {
      const r = await store.execute('scene.setTransitionOverride', args);
      expect(r.ok, JSON.stringify(args)).toBe(false);
      if (r.ok) continue;
      expect(r.error.code, JSON.stringify(args)).toBe(code);
      if (field) expect(r.error.field).toBe(field);
      expect(r.error.message).toMatch(/\.$/);
    }
    expect(store.get().scenes[0]!.transitionOverride).toBeUndefined();
  });
});

describe('transition.set: each kind keeps its own settings', () => {
  const current = (doc: StudioDocument) => doc.transition!;

  it('finds a kind switched away from and back as it was set, and one never set at its defaults', async () => {
    const { store, must } = setup();
    await must('transition.set', { kind: 'slide_transition' });
    await must('transition.set', { settings: { direction: 'up' } });
    await must('transition.set', { kind: 'fade_to_color_transition', settings: { color: 0xff336699, switch_point: 30 } });
    await must('transition.set', { kind: 'obs_stinger_transition', settings: { path: '/v/sting.webm', transition_point: 800 } });
    await must('transition.set', { kind: 'fade_transition', durationMs: 900 });
    expect(current(store.get())).toEqual({
      kind: 'fade_transition',
      durationMs: 900,
      settings: {},
      otherSettings: {
        slide_transition: { direction: 'up' },
        fade_to_color_transition: { color: 0xff336699, switch_point: 30 },
        obs_stinger_transition: expect.objectContaining({ path: '/v/sting.webm', transition_point: 800 }),
      },
    });
    await must('transition.set', { kind: 'slide_transition' });
    // The duration is one for all kinds, as OBS's.
    expect(current(store.get())).toMatchObject({ kind: 'slide_transition', durationMs: 900, settings: { direction: 'up' } });
    expect(current(store.get()).otherSettings).not.toHaveProperty('slide_transition');
    await must('transition.set', { kind: 'fade_to_color_transition' });
    expect(current(store.get()).settings).toEqual({ color: 0xff336699, switch_point: 30 });
    await must('transition.set', { kind: 'obs_stinger_transition' });
    expect(current(store.get()).settings).toMatchObject({ path: '/v/sting.webm', transition_point: 800 });
    await must('transition.set', { kind: 'luma_wipe_transition' });
    expect(current(store.get()).settings).toEqual({ luma_image: 'linear-h.png', luma_invert: false, luma_softness: 0.03 });
  });

  it("overlays a kind's settings given with it onto that kind's own, and overlay=false starts from its defaults", async () => {
    const { store, must } = setup();
    await must('transition.set', { kind: 'fade_to_color_transition', settings: { color: 0xff112233, switch_point: 30 } });
    await must('transition.set', { kind: 'cut_transition' });
    await must('transition.set', { kind: 'fade_to_color_transition', settings: { switch_point: 70 } });
    expect(current(store.get()).settings).toEqual({ color: 0xff112233, switch_point: 70 });
    await must('transition.set', { kind: 'cut_transition' });
    await must('transition.set', { kind: 'fade_to_color_transition', settings: { switch_point: 60 }, overlay: false });
    expect(current(store.get()).settings).toEqual({ color: 0xff000000, switch_point: 60 });
  });

  it("refuses a bad value for the kind switched to, keeping every kind's settings", async () => {
    const { store, must } = setup();
    await must('transition.set', { kind: 'slide_transition', settings: { direction: 'down' } });
    await must('transition.set', { kind: 'fade_transition' });
    const before = store.get().transition;
    const r = await store.execute('transition.set', { kind: 'slide_transition', settings: { direction: 'sideways' } });
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Direction must be one of/) } });
    expect(store.get().transition).toEqual(before);
  });

  it("runs a scene's override with that kind's own settings, and saves them with the collection", async () => {
    const { store, must } = setup();
    await must('transition.set', { kind: 'obs_stinger_transition', settings: { path: '/v/sting.webm', transition_point: 400 } });
    await must('transition.set', { kind: 'fade_transition' });
    const { sceneUuid } = (await must('scene.create', { name: 'Break' })) as { sceneUuid: string };
    await must('scene.setTransitionOverride', { sceneUuid, kind: 'obs_stinger_transition' });
    expect(transitionInto(store.get(), sceneUuid)).toEqual({
      kind: 'obs_stinger_transition',
      durationMs: 300,
      settings: expect.objectContaining({ path: '/v/sting.webm', transition_point: 400 }),
    });
    // Without an override the current transition runs, without the other kinds' settings.
    expect(transitionInto(store.get(), store.get().currentSceneUuid)).toEqual({ kind: 'fade_transition', durationMs: 300, settings: {} });
    const notices: LoadNotice[] = [];
    const loaded = parseCollection(collectionJson(store.get()), new KindRegistry(), notices);
    expect(typeof loaded === 'object' && loaded.transition).toEqual(store.get().transition);
    expect(notices).toEqual([]);
  });
});
