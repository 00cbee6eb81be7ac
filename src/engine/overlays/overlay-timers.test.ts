import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { countdownRemainingMs, scoreboardClockMs, type CommandType, type StudioEvent } from '../../shared';
import type { Logger } from '../api';
import { blankDocument } from '../document/defaults';
import { DocumentStore } from '../document/store';
import { KindRegistry } from '../kinds/registry';
import { FileSecretStore } from '../persistence/secrets';
import { FakeClock } from '../testing/fake-clock';
import { OverlayTimers } from './overlay-timers';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** Wall time = this + the fake clock's time, so both move together. */
const EPOCH = 1_760_000_000_000;

async function setup() {
  const dir = await mkdtemp(path.join(tmpdir(), 'bs-overlays-'));
  dirs.push(dir);
  let n = 0;
  const listeners = new Set<(e: StudioEvent) => void>();
  const store = new DocumentStore({
    initial: blankDocument(() => `id-${++n}`),
    kinds: new KindRegistry(),
    secrets: new FileSecretStore(dir),
    emit: (e) => listeners.forEach((l) => l(e)),
    isLive: () => false,
    newId: () => `id-${++n}`,
  });
  const clock = new FakeClock(0);
  const warnings: string[] = [];
  const logger: Logger = { log: (level, message) => void (level !== 'info' && warnings.push(message)) };
  const execute = async (type: CommandType, args: unknown) => store.execute(type, args);
  const timers = new OverlayTimers({
    subscribe: (l) => (listeners.add(l), { dispose: () => void listeners.delete(l) }),
    document: () => store.get(),
    execute: execute as never,
    clock,
    wallNow: () => EPOCH + clock.now(),
    logger,
  });
  const must = async <T>(p: Promise<{ ok: boolean; value?: T; error?: { message: string } }>): Promise<T> => {
    const r = await p;
    if (!r.ok) throw new Error(r.error!.message);
    return r.value as T;
  };
  const scene = store.get().currentSceneUuid;
  const create = (name: string, kind: string, settings: Record<string, unknown>, sceneUuid = scene) =>
    must<{ inputUuid: string }>(store.execute('input.create', { sceneUuid, name, kind, settings }) as never).then((v) => v.inputUuid);
  const update = (inputUuid: string, settings: Record<string, unknown>) => must(store.execute('input.update', { inputUuid, settings }) as never);
  const settingsOf = (uuid: string) => store.get().inputs.find((i) => i.uuid === uuid)!.settings;
  /** Lets the engine's follow-up commands (promises) settle after timers fired. */
  const flush = () => new Promise((r) => setTimeout(r, 0));
  return { store, clock, timers, warnings, create, update, settingsOf, flush, scene, must };
}

describe('lower third auto-hide', () => {
  it('hides a shown lower third after auto_hide_s, restarts the wait on a step, and leaves 0 alone', async () => {
    const t = await setup();
    const lt = await t.create('LT', 'lower_third', { auto_hide_s: 5, queue: [{ name: 'A' }, { name: 'B' }] });
    const stay = await t.create('Stay', 'lower_third', { auto_hide_s: 0, visible: true });
    await t.update(lt, { visible: true });
    t.clock.advance(4000);
    await t.flush();
    expect(t.settingsOf(lt)['visible']).toBe(true);
    // Another entry while shown: it gets its own five seconds.
    await t.update(lt, { queue_index: 1 });
    t.clock.advance(4000);
    await t.flush();
    expect(t.settingsOf(lt)['visible']).toBe(true);
    t.clock.advance(1000);
    await t.flush();
    expect(t.settingsOf(lt)['visible']).toBe(false);
    expect(t.settingsOf(stay)['visible']).toBe(true);
    expect(t.clock.pending()).toBe(0);
    t.timers.dispose();
  });

  it('forgets the timer when hidden by hand or removed, and leaves none after dispose', async () => {
    const t = await setup();
    const lt = await t.create('LT', 'lower_third', { auto_hide_s: 3, visible: true });
    expect(t.clock.pending()).toBe(1);
    await t.update(lt, { visible: false });
    expect(t.clock.pending()).toBe(0);
    await t.update(lt, { visible: true });
    await t.must(t.store.execute('input.remove', { inputUuid: lt }) as never);
    expect(t.clock.pending()).toBe(0);
    await t.create('LT2', 'lower_third', { auto_hide_s: 3, visible: true });
    t.timers.dispose();
    expect(t.clock.pending()).toBe(0);
  });
});

describe('countdown end action', () => {
  it('switches program to end_scene when a running countdown on program reaches zero', async () => {
    const t = await setup();
    const after = await t.must<{ sceneUuid: string }>(t.store.execute('scene.create', { name: 'After' }) as never);
    const cd = await t.create('CD', 'countdown_timer', { duration_s: 10, end_action: 'switch_scene', end_scene: 'After' });
    // Started by a plain client that only flips clock_running: the engine pins it to now.
    await t.update(cd, { clock_running: true });
    await t.flush();
    expect(t.settingsOf(cd)).toMatchObject({ clock_running: true, clock_ms: 0, clock_started_at: EPOCH });
    t.clock.advance(9_999);
    await t.flush();
    expect(t.store.get().currentSceneUuid).toBe(t.scene);
    t.clock.advance(1);
    await t.flush();
    expect(t.store.get().currentSceneUuid).toBe(after.sceneUuid);
    expect(countdownRemainingMs(t.settingsOf(cd), EPOCH + t.clock.now())).toBe(0);
    t.timers.dispose();
  });

  it('a pause moves the end; a countdown off program or with a missing scene switches nothing', async () => {
    const t = await setup();
    await t.must(t.store.execute('scene.create', { name: 'After' }) as never);
    const other = await t.must<{ sceneUuid: string }>(t.store.execute('scene.create', { name: 'Other' }) as never);
    const cd = await t.create('CD', 'countdown_timer', { duration_s: 10, end_action: 'switch_scene', end_scene: 'After' });
    const off = await t.create('Off', 'countdown_timer', { duration_s: 5, end_action: 'switch_scene', end_scene: 'Other' }, other.sceneUuid);
    const lost = await t.create('Lost', 'countdown_timer', { duration_s: 5, end_action: 'switch_scene', end_scene: 'Nowhere' });
    for (const u of [cd, off, lost]) await t.update(u, { clock_running: true });
    await t.flush();
    t.clock.advance(4_000);
    // Stopped by a plain client: the engine records the 4 s that had run.
    await t.update(cd, { clock_running: false });
    await t.flush();
    expect(t.settingsOf(cd)).toMatchObject({ clock_running: false, clock_ms: 4_000 });
    t.clock.advance(20_000);
    await t.flush();
    expect(t.store.get().currentSceneUuid).toBe(t.scene);
    expect(t.warnings.some((w) => w.includes('"Nowhere"'))).toBe(true);
    await t.update(cd, { clock_running: true });
    await t.flush();
    t.clock.advance(5_999);
    await t.flush();
    expect(t.store.get().currentSceneUuid).toBe(t.scene);
    t.clock.advance(1);
    await t.flush();
    expect(t.store.get().scenes.find((s) => s.uuid === t.store.get().currentSceneUuid)?.name).toBe('After');
    t.timers.dispose();
    expect(t.clock.pending()).toBe(0);
  });
});

describe('countdown end inside nested scenes and groups', () => {
  it('switches program when the countdown is shown through a nested scene or a group, not when that item is hidden', async () => {
    const t = await setup();
    const after = await t.must<{ sceneUuid: string }>(t.store.execute('scene.create', { name: 'After' }) as never);
    const inner = await t.must<{ sceneUuid: string }>(t.store.execute('scene.create', { name: 'Inner' }) as never);
    const nested = await t.create('Nested', 'countdown_timer', { duration_s: 5, end_action: 'switch_scene', end_scene: 'After' }, inner.sceneUuid);
    const shown = await t.must<{ sceneItemId: number }>(t.store.execute('item.create', { sceneUuid: t.scene, sourceUuid: inner.sceneUuid, enabled: false }) as never);
    await t.update(nested, { clock_running: true });
    await t.flush();
    t.clock.advance(5_000);
    await t.flush();
    expect(t.store.get().currentSceneUuid, 'the nested scene is hidden on program').toBe(t.scene);

    await t.must(t.store.execute('item.setEnabled', { sceneUuid: t.scene, sceneItemId: shown.sceneItemId, enabled: true }) as never);
    const again = await t.create('Again', 'countdown_timer', { duration_s: 5, end_action: 'switch_scene', end_scene: 'After' }, inner.sceneUuid);
    await t.update(again, { clock_running: true });
    await t.flush();
    t.clock.advance(5_000);
    await t.flush();
    expect(t.store.get().currentSceneUuid).toBe(after.sceneUuid);

    // A countdown in a group of the program scene.
    await t.must(t.store.execute('scene.setCurrent', { sceneUuid: t.scene }) as never);
    const grouped = await t.create('Grouped', 'countdown_timer', { duration_s: 3, end_action: 'switch_scene', end_scene: 'After' });
    const item = t.store.get().scenes.find((s) => s.uuid === t.scene)!.items.find((i) => i.sourceUuid === grouped)!;
    await t.must(t.store.execute('group.create', { sceneUuid: t.scene, name: 'Box', sceneItemIds: [item.sceneItemId] }) as never);
    await t.update(grouped, { clock_running: true });
    await t.flush();
    t.clock.advance(3_000);
    await t.flush();
    expect(t.store.get().currentSceneUuid).toBe(after.sceneUuid);
    t.timers.dispose();
  });
});

describe('stopwatch fill-in', () => {
  it('starts and stops a scoreboard clock from clock_running alone, and keeps explicit values', async () => {
    const t = await setup();
    const sb = await t.create('SB', 'scoreboard', { clock_direction: 'down', period_length_s: 600 });
    await t.update(sb, { clock_running: true });
    await t.flush();
    t.clock.advance(61_500);
    expect(scoreboardClockMs(t.settingsOf(sb), EPOCH + t.clock.now())).toBe(600_000 - 61_500);
    await t.update(sb, { clock_running: false });
    await t.flush();
    expect(t.settingsOf(sb)).toMatchObject({ clock_running: false, clock_ms: 61_500 });
    // Stop-and-reset in one request is taken as sent.
    await t.update(sb, { clock_running: true, clock_started_at: EPOCH + t.clock.now() });
    await t.update(sb, { clock_running: false, clock_ms: 0 });
    await t.flush();
    expect(t.settingsOf(sb)).toMatchObject({ clock_running: false, clock_ms: 0 });
    t.timers.dispose();
  });
});
