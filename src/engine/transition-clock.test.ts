import { describe, expect, it } from 'vitest';
import type { StudioDocument, StudioEvent } from '../shared';
import { blankDocument } from './document/defaults';
import { FakeClock } from './testing/fake-clock';
import { TransitionClock } from './transition-clock';

function setup(transition?: StudioDocument['transition'], probeDurationMs?: (file: string) => Promise<number | null>) {
  let n = 0;
  const base = blankDocument(() => `s${++n}`);
  let doc: StudioDocument = { ...base, scenes: [...base.scenes, { ...base.scenes[0]!, uuid: 'b', name: 'B' }], ...(transition && { transition }) };
  const listeners = new Set<(e: StudioEvent) => void>();
  const seen: StudioEvent[] = [];
  const clock = new FakeClock();
  const tc = new TransitionClock({
    subscribe: (l) => (listeners.add(l), { dispose: () => listeners.delete(l) }),
    document: () => doc,
    emit: (e) => seen.push(e),
    clock,
    ...(probeDurationMs && { probeDurationMs }),
    // studio.take as the store runs it: program and preview swap, program's change first.
    take: async () => {
      const to = doc.previewSceneUuid;
      const from = doc.currentSceneUuid;
      doc = { ...doc, currentSceneUuid: to, previewSceneUuid: from };
      for (const l of listeners) l({ type: 'scene.currentChanged', data: { sceneUuid: to, sceneName: to } });
      for (const l of listeners) l({ type: 'scene.previewChanged', data: { sceneUuid: from, sceneName: from } });
      return { ok: true, value: null };
    },
  });
  const switchTo = (uuid: string) => {
    doc = { ...doc, currentSceneUuid: uuid };
    for (const l of listeners) l({ type: 'scene.currentChanged', data: { sceneUuid: uuid, sceneName: uuid } });
  };
  /** scene.setCurrent with a one-switch transition (PlayLastReplay's), as the store applies it. */
  const switchOnce = (uuid: string, once: NonNullable<StudioDocument['switchTransition']>) => {
    doc = { ...doc, currentSceneUuid: uuid, switchTransition: once };
    for (const l of listeners) l({ type: 'document.changed', data: { document: doc, cause: 'scene.setCurrent', revision: 1 } } as StudioEvent);
    for (const l of listeners) l({ type: 'scene.currentChanged', data: { sceneUuid: uuid, sceneName: uuid } });
  };
  const setOverride = (uuid: string, transitionOverride: { kind?: string; durationMs?: number }) => {
    doc = { ...doc, scenes: doc.scenes.map((s) => (s.uuid === uuid ? { ...s, transitionOverride } : s)) };
  };
  const studio = (previewSceneUuid: string) => {
    doc = { ...doc, studioMode: true, previewSceneUuid };
  };
  return {
    tc,
    clock,
    seen,
    switchTo,
    switchOnce,
    studio,
    setOverride,
    first: base.currentSceneUuid,
    doc: () => doc,
    send: (e: StudioEvent) => {
      for (const l of listeners) l(e);
    },
  };
}

describe('TransitionClock', () => {
  it('a cut starts and ends at once', () => {
    const t = setup();
    t.switchTo('b');
    expect(t.seen.map((e) => e.type)).toEqual(['transition.started', 'transition.ended']);
    expect(t.seen[0]!.data).toMatchObject({ toSceneUuid: 'b', fromSceneUuid: t.first, kind: 'cut_transition', durationMs: 0 });
    expect(t.tc.cursor()).toBe(1);
    expect(t.clock.pending()).toBe(0);
  });

  it('a fade ends after its duration on the engine clock; the cursor follows; a new switch ends it first', () => {
    const t = setup({ kind: 'fade_transition', durationMs: 1000, settings: {} });
    t.switchTo('b');
    expect(t.seen.map((e) => e.type)).toEqual(['transition.started']);
    t.clock.advance(250);
    expect(t.tc.cursor()).toBeCloseTo(0.25);
    t.switchTo(t.first);
    expect(t.seen.map((e) => e.type)).toEqual(['transition.started', 'transition.ended', 'transition.started']);
    t.clock.advance(999);
    expect(t.seen).toHaveLength(3);
    t.clock.advance(1);
    expect(t.seen.map((e) => e.type)).toEqual(['transition.started', 'transition.ended', 'transition.started', 'transition.ended']);
    expect(t.tc.cursor()).toBe(1);
    t.tc.dispose();
    expect(t.clock.pending()).toBe(0);
  });

  it("a switch to a scene with a transition override runs that scene's transition, a switch away the current one", () => {
    const t = setup({ kind: 'fade_transition', durationMs: 1000, settings: {} });
    t.setOverride('b', { kind: 'slide_transition', durationMs: 400 });
    t.switchTo('b');
    expect(t.seen[0]).toMatchObject({ type: 'transition.started', data: { kind: 'slide_transition', durationMs: 400 } });
    t.clock.advance(400);
    expect(t.seen.map((e) => e.type)).toEqual(['transition.started', 'transition.ended']);
    t.switchTo(t.first);
    expect(t.seen[2]).toMatchObject({ type: 'transition.started', data: { kind: 'fade_transition', durationMs: 1000 } });
  });

  it('a stinger ends at its transition point and its video ends at the probed length; a frame point counts at the canvas rate', async () => {
    const stinger = (tp_type: number, transition_point: number) => ({ kind: 'obs_stinger_transition', durationMs: 300, settings: { path: '/v/sting.webm', tp_type, transition_point } });
    const probed: string[] = [];
    const t = setup(stinger(0, 800), async (file) => (probed.push(file), 2000));
    await Promise.resolve();
    expect(probed).toEqual(['/v/sting.webm']);
    t.switchTo('b');
    expect(t.seen[0]).toMatchObject({ type: 'transition.started', data: { kind: 'obs_stinger_transition', durationMs: 2000 } });
    t.clock.advance(799);
    expect(t.seen).toHaveLength(1);
    t.clock.advance(1);
    expect(t.seen.map((e) => e.type)).toEqual(['transition.started', 'transition.ended']);
    expect(t.tc.cursor()).toBeCloseTo(0.4);
    t.clock.advance(1200);
    expect(t.seen.map((e) => e.type)).toEqual(['transition.started', 'transition.ended', 'transition.videoEnded']);
    expect(t.tc.cursor()).toBe(1);
    expect(t.clock.pending()).toBe(0);

    // 15 frames at the blank document's rate; a switch during the video owes its VideoEnded first.
    const u = setup(stinger(1, 15), async () => 2000);
    await Promise.resolve();
    const fps = u.doc().video.fpsNumerator / u.doc().video.fpsDenominator;
    u.switchTo('b');
    u.clock.advance(Math.ceil((15 * 1000) / fps));
    expect(u.seen.map((e) => e.type)).toEqual(['transition.started', 'transition.ended']);
    u.switchTo(u.first);
    expect(u.seen.map((e) => e.type)).toEqual(['transition.started', 'transition.ended', 'transition.videoEnded', 'transition.started']);
  });

  it("a scene's override to the Stinger runs the Stinger's own file and point while the current transition is a Fade", async () => {
    const probed: string[] = [];
    const sting = { path: '/v/sting.webm', tp_type: 0, transition_point: 800 };
    const t = setup({ kind: 'fade_transition', durationMs: 1000, settings: {}, otherSettings: { obs_stinger_transition: sting } }, async (file) => (probed.push(file), 2000));
    t.setOverride('b', { kind: 'obs_stinger_transition' });
    t.send({ type: 'document.changed', data: { document: t.doc(), cause: 'scene.setTransitionOverride', revision: 1 } } as StudioEvent);
    await Promise.resolve();
    expect(probed).toEqual(['/v/sting.webm']);
    t.switchTo('b');
    expect(t.seen[0]).toMatchObject({ type: 'transition.started', data: { kind: 'obs_stinger_transition', durationMs: 2000 } });
    t.clock.advance(800);
    expect(t.seen.map((e) => e.type)).toEqual(['transition.started', 'transition.ended']);
  });

  it("a one-switch stinger (a replay's) not measured before the switch: its VideoEnded moves to the video's end once the probe answers", async () => {
    let answer: (ms: number) => void = () => {};
    const probed: string[] = [];
    const t = setup(undefined, (file) => (probed.push(file), new Promise((resolve) => (answer = resolve))));
    t.switchOnce('b', { toSceneUuid: 'b', kind: 'obs_stinger_transition', durationMs: 300, settings: { path: '/v/replay.webm', tp_type: 0, transition_point: 500 } });
    expect(probed).toEqual(['/v/replay.webm']);
    // Unknown length at the switch: the point is all the clock knows.
    expect(t.seen[0]).toMatchObject({ type: 'transition.started', data: { kind: 'obs_stinger_transition', durationMs: 500 } });
    t.clock.advance(200);
    answer(3000);
    await Promise.resolve();
    await Promise.resolve();
    t.clock.advance(300);
    expect(t.seen.map((e) => e.type)).toEqual(['transition.started', 'transition.ended']);
    expect(t.tc.cursor()).toBeCloseTo(500 / 3000);
    t.clock.advance(2499);
    expect(t.seen.map((e) => e.type)).toEqual(['transition.started', 'transition.ended']);
    t.clock.advance(1);
    expect(t.seen.map((e) => e.type)).toEqual(['transition.started', 'transition.ended', 'transition.videoEnded']);
    expect(t.clock.pending()).toBe(0);
  });

  describe('T-bar', () => {
    it("drives the preview scene's override", async () => {
      const t = setup({ kind: 'fade_transition', durationMs: 1000, settings: {} });
      t.setOverride('b', { kind: 'swipe_transition' });
      t.studio('b');
      await t.tc.tbar(0.5, false);
      expect(t.seen[1]).toMatchObject({ type: 'transition.manual', data: { kind: 'swipe_transition', position: 0.5 } });
    });

    const manual = (seen: StudioEvent[]) => seen.filter((e) => e.type === 'transition.manual').map((e) => `${e.data.state}@${e.data.position}`);

    it('is refused outside studio mode and when preview is program', async () => {
      const t = setup({ kind: 'fade_transition', durationMs: 1000, settings: {} });
      expect(await t.tc.tbar(0.5, false)).toMatchObject({ ok: false, error: { code: 506 } });
      t.studio(t.first);
      expect(await t.tc.tbar(0.5, false)).toMatchObject({ ok: false, error: { code: 604 } });
      t.studio('b');
      expect(await t.tc.tbar(1.5, false)).toMatchObject({ ok: false, error: { code: 402, field: 'position' } });
      expect(t.seen).toEqual([]);
    });

    it('holds program part-way, then a release at the top takes with no timed transition after it', async () => {
      const t = setup({ kind: 'slide_transition', durationMs: 1000, settings: { direction: 'up' } });
      t.studio('b');
      expect((await t.tc.tbar(0.3, false)).ok).toBe(true);
      expect(t.seen[0]).toMatchObject({ type: 'transition.started', data: { toSceneUuid: 'b', fromSceneUuid: t.first, kind: 'slide_transition' } });
      expect(t.seen[1]).toMatchObject({ type: 'transition.manual', data: { kind: 'slide_transition', settings: { direction: 'up' }, position: 0.3 } });
      expect(t.tc.cursor()).toBe(0.3);
      expect(t.tc.replay()).toMatchObject([{ type: 'transition.manual', data: { position: 0.3, state: 'moving' } }]);
      // Released in the middle: the bar stays where it was left.
      expect((await t.tc.tbar(0.6, true)).ok).toBe(true);
      expect(t.doc().currentSceneUuid).toBe(t.first);
      expect(t.tc.cursor()).toBe(0.6);
      expect((await t.tc.tbar(0.95, true)).ok).toBe(true);
      expect(t.doc().currentSceneUuid).toBe('b');
      expect(manual(t.seen)).toEqual(['moving@0.3', 'moving@0.6', 'moving@0.95', 'done@1']);
      expect(t.seen.filter((e) => e.type === 'transition.started')).toHaveLength(1);
      expect(t.seen.at(-1)).toMatchObject({ type: 'transition.ended', data: { toSceneUuid: 'b', kind: 'slide_transition' } });
      expect(t.tc.cursor()).toBe(1);
      expect(t.tc.replay()).toEqual([]);
      expect(t.clock.pending()).toBe(0);
    });

    it('a release near the bottom cancels: program stays, the transition ends', async () => {
      const t = setup({ kind: 'fade_transition', durationMs: 1000, settings: {} });
      t.studio('b');
      await t.tc.tbar(0.5, false);
      await t.tc.tbar(0.05, true);
      expect(t.doc().currentSceneUuid).toBe(t.first);
      expect(manual(t.seen)).toEqual(['moving@0.5', 'moving@0.05', 'cancelled@0.05']);
      expect(t.seen.map((e) => e.type)).toEqual(['transition.started', 'transition.manual', 'transition.manual', 'transition.manual', 'transition.ended']);
      expect(t.tc.cursor()).toBe(1);
    });

    it('a cut drives a Fade, as OBS; leaving studio mode cancels', async () => {
      const t = setup();
      t.studio('b');
      await t.tc.tbar(0.4, false);
      expect(t.seen[1]).toMatchObject({ type: 'transition.manual', data: { kind: 'fade_transition', position: 0.4 } });
      t.send({ type: 'studio.modeChanged', data: { enabled: false } });
      expect(manual(t.seen)).toEqual(['moving@0.4', 'cancelled@0.4']);
      expect(t.seen.at(-1)?.type).toBe('transition.ended');
    });

    it('a program switch by other means cancels the held T-bar and runs its own transition', async () => {
      const t = setup({ kind: 'fade_transition', durationMs: 1000, settings: {} });
      t.studio('b');
      await t.tc.tbar(0.4, false);
      t.switchTo('b');
      // A switch to the T-bar's own target counts as its take.
      expect(manual(t.seen)).toEqual(['moving@0.4', 'done@1']);
      t.seen.length = 0;
      t.studio(t.first);
      await t.tc.tbar(0.4, false);
      t.seen.length = 0;
      t.switchTo('c');
      expect(t.seen.map((e) => e.type)).toEqual(['transition.manual', 'transition.ended', 'transition.started']);
      expect(t.seen[0]).toMatchObject({ data: { state: 'cancelled' } });
      t.clock.advance(1000);
      expect(t.seen.at(-1)?.type).toBe('transition.ended');
    });
  });
});
