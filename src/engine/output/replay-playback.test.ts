/**
 * Replay playback's orchestration with the engine's real parts: the DocumentStore runs the
 * commands, the TransitionClock (on the fake clock) times the replay transition, and the
 * MediaTracker turns the player's reports into media.state, as the output owner's renderer sends
 * them. The switch into the replay runs the replay transition, the end of the clip brings program
 * back with it, and a producer's own switch during the replay calls the return off.
 */
import { describe, expect, it } from 'vitest';
import { transitionInto, type StudioDocument, type StudioEvent } from '../../shared';
import { blankDocument } from '../document/defaults';
import { DocumentStore } from '../document/store';
import { KindRegistry } from '../kinds/registry';
import { MediaTracker } from '../media/tracker';
import { FakeClock } from '../testing/fake-clock';
import { TransitionClock } from '../transition-clock';
import { ReplayPlayback } from './replay-playback';

const FILE = '/tmp/Replay show.mp4';

async function setup(lastReplay: string | null = FILE) {
  let n = 0;
  const newId = () => `id-${++n}`;
  const clock = new FakeClock();
  const listeners = new Set<(e: StudioEvent) => void>();
  const seen: StudioEvent[] = [];
  const emit = (e: StudioEvent) => {
    seen.push(e);
    for (const l of [...listeners]) l(e);
  };
  const subscribe = (l: (e: StudioEvent) => void) => (listeners.add(l), { dispose: () => listeners.delete(l) });
  const store = new DocumentStore({
    initial: blankDocument(newId),
    kinds: new KindRegistry(),
    emit,
    isLive: () => false,
    newId,
    secrets: { get: async () => undefined, set: async () => {}, delete: async () => {} },
  });
  const media = new MediaTracker({ clock, document: () => store.get(), emit });
  const clockOfTransitions = new TransitionClock({ subscribe, document: () => store.get(), emit, clock });
  const playback = new ReplayPlayback({
    subscribe,
    document: () => store.get(),
    execute: async (type, args) => (type === 'media.action' ? media.action(args) : store.execute(type, args)) as never,
    lastReplay: () => lastReplay,
  });
  const must = async (type: Parameters<DocumentStore['execute']>[0], args: unknown) => {
    const r = await store.execute(type, args);
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const live = store.get().currentSceneUuid;
  const { sceneUuid: replays } = (await must('scene.create', { name: 'Replays' })) as { sceneUuid: string };
  /** The player as the output owner's renderer reports it. */
  const player = (inputUuid: string, state: 'playing' | 'ended') =>
    media.report({ media: [{ inputUuid, state, durationMs: 4000, cursorMs: state === 'ended' ? 4000 : 0, rate: 0.5 }] }, true);
  const program = () => store.get().currentSceneUuid;
  const transitions = () => seen.filter((e) => e.type === 'transition.started' || e.type === 'transition.ended');
  const dispose = () => {
    playback.dispose();
    clockOfTransitions.dispose();
  };
  return { store, clock, playback, must, live, replays, player, program, transitions, seen, dispose };
}

describe('ReplayPlayback', () => {
  it('switches into the replay scene with the replay transition and back with it when the clip ends', async () => {
    const t = await setup();
    const r = await t.playback.play({ sceneName: 'Replays', speedPercent: 50, transitionKind: 'fade_transition', transitionDurationMs: 800 });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ inputName: 'Replay', sceneName: 'Replays', savedReplayPath: FILE, transitionKind: 'fade_transition', transitionDurationMs: 800, returnSceneName: 'Scene' });
    expect(t.program()).toBe(t.replays);
    expect(t.store.get().inputs.find((i) => i.uuid === r.value.inputUuid)!.settings).toMatchObject({ local_file: FILE, speed_percent: 50 });
    // The compositors' question has the engine clock's answer: the fade, for this switch.
    expect(transitionInto(t.store.get(), t.replays)).toMatchObject({ kind: 'fade_transition', durationMs: 800 });
    expect(t.transitions().map((e) => [e.type, e.data])).toEqual([
      ['transition.started', { toSceneUuid: t.replays, fromSceneUuid: t.live, kind: 'fade_transition', durationMs: 800 }],
    ]);
    t.clock.advance(800);
    expect(t.transitions().at(-1)).toEqual({ type: 'transition.ended', data: { toSceneUuid: t.replays, kind: 'fade_transition' } });
    expect(t.playback.returnPending()).toBe(true);

    t.player(r.value.inputUuid, 'playing');
    t.player(r.value.inputUuid, 'ended');
    await expect.poll(t.program).toBe(t.live);
    expect(t.transitions().slice(2).map((e) => e.data)).toEqual([{ toSceneUuid: t.live, fromSceneUuid: t.replays, kind: 'fade_transition', durationMs: 800 }]);
    t.clock.advance(800);
    expect(t.transitions().at(-1)!.type).toBe('transition.ended');
    expect(t.playback.returnPending()).toBe(false);
    // The one-shot transition went with its switch: the next plain switch runs the current one (a cut).
    await t.must('scene.setCurrent', { sceneUuid: t.replays });
    expect(t.transitions().at(-2)!.data).toMatchObject({ toSceneUuid: t.replays, kind: 'cut_transition', durationMs: 0 });
    t.dispose();
  });

  it('does not switch back when the producer switched during the replay', async () => {
    const t = await setup();
    const { sceneUuid: other } = (await t.must('scene.create', { name: 'Wide' })) as { sceneUuid: string };
    const r = await t.playback.play({ sceneName: 'Replays', transitionKind: 'slide_transition', transitionDurationMs: 500 });
    if (!r.ok) throw new Error(r.error.message);
    t.player(r.value.inputUuid, 'playing');
    await t.must('scene.setCurrent', { sceneUuid: other });
    expect(t.playback.returnPending()).toBe(false);
    // Even back on the replay scene by hand: the return stays off for this replay.
    await t.must('scene.setCurrent', { sceneUuid: t.replays });
    expect(t.playback.returnPending()).toBe(false);
    t.dispose();
  });

  it('runs a replay transition of another kind with that kind\'s own settings', async () => {
    const t = await setup();
    await t.must('transition.set', { kind: 'slide_transition', settings: { direction: 'up' } });
    await t.must('transition.set', { kind: 'fade_transition' });
    const r = await t.playback.play({ sceneName: 'Replays', transitionKind: 'slide_transition', transitionDurationMs: 500 });
    if (!r.ok) throw new Error(r.error.message);
    expect(t.store.get().switchTransition).toMatchObject({ kind: 'slide_transition', settings: { direction: 'up' } });
    t.dispose();
  });

  it('uses the stored defaults, honours returnToScene false, and ignores the end of the previous play', async () => {
    const t = await setup();
    await t.must('output.setRecording', { replayTransitionKind: 'luma_wipe_transition', replayTransitionMs: 1200, replayReturnToScene: false });
    const r = await t.playback.play({ sceneName: 'Replays' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ transitionKind: 'luma_wipe_transition', transitionDurationMs: 1200, returnSceneName: null });
    expect(t.playback.returnPending()).toBe(false);

    // Back to the show while it still plays, and the replay again (same input, restarted), this
    // time with a return.
    t.player(r.value.inputUuid, 'playing');
    await t.must('scene.setCurrent', { sceneUuid: t.live });
    const again = await t.playback.play({ sceneName: 'Replays', returnToScene: true });
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value.inputUuid).toBe(r.value.inputUuid);
    expect(t.seen.filter((e) => e.type === 'media.action').at(-1)!.data).toMatchObject({ action: 'restart' });
    // The old play's end, reported before the restart took: not this replay's end.
    t.player(r.value.inputUuid, 'ended');
    expect(t.playback.returnPending()).toBe(true);
    t.player(r.value.inputUuid, 'playing');
    t.player(r.value.inputUuid, 'ended');
    await expect.poll(t.program).toBe(t.live);
    t.dispose();
  });

  it('plays in the program scene with no switch when no scene is named', async () => {
    const t = await setup();
    const r = await t.playback.play({});
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ sceneName: 'Scene', returnSceneName: null });
    expect(t.program()).toBe(t.live);
    expect(t.transitions()).toEqual([]);
    t.dispose();
  });

  it('refuses what cannot be played, naming the field', async () => {
    const none = await setup(null);
    expect(await none.playback.play({ sceneName: 'Replays' })).toMatchObject({ ok: false, error: { code: 604 } });
    none.dispose();
    const t = await setup();
    const kind = await t.playback.play({ sceneName: 'Replays', transitionKind: 'zoom_transition' });
    expect(kind).toMatchObject({ ok: false, error: { code: 400, field: 'transitionKind' } });
    if (!kind.ok) expect(kind.error.message).toMatch(/fade_transition/);
    const slow = await t.playback.play({ sceneName: 'Replays', transitionDurationMs: 20 });
    expect(slow).toMatchObject({ ok: false, error: { field: 'transitionDurationMs' } });
    expect(await t.playback.play({ sceneName: 'Nope' })).toMatchObject({ ok: false, error: { code: 600, field: 'sceneName' } });
    const stored = await t.store.execute('output.setRecording', { replayTransitionKind: 'zoom_transition' });
    expect(stored).toMatchObject({ ok: false, error: { field: 'replayTransitionKind' } });
    // Nothing was made by the refusals.
    expect(t.store.get().inputs).toEqual([]);
    expect((t.store.get() as StudioDocument).currentSceneUuid).toBe(t.live);
    t.dispose();
  });
});
