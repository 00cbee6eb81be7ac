/**
 * Hotkey actions against a real Studio: push-to-talk and push-to-mute act on press and release,
 * mute/unmute on press only, graphics actions change their input's settings, bindings are profile
 * data that survive a restart, and malformed requests are refused with the field named.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { KeyCombo } from '../../shared';
import type { Studio } from '../api';
import { createStudio } from '../studio';

const RESOURCES = path.resolve(import.meta.dirname, '../../../resources');
let dir: string;
let studio: Studio;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bs-hotkeys-'));
  studio = await createStudio({ dataDir: dir, resourcesDir: RESOURCES });
});
afterEach(async () => {
  await studio.dispose();
  await rm(dir, { recursive: true, force: true });
});

async function must<T>(result: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const input = (name: string) => studio.document().inputs.find((i) => i.name === name)!;

it('push-to-talk unmutes while held; push-to-mute mutes while held; mute/unmute act on press', async () => {
  const sceneUuid = studio.document().currentSceneUuid;
  await must(studio.execute('input.create', { sceneUuid, name: 'Mic', kind: 'audio_test_tone' }));
  const actions = (await must(studio.execute('hotkey.list', {}))).actions.filter((a) => a.contextName === 'Mic').map((a) => a.name);
  expect(actions).toEqual(['libobs.mute', 'libobs.unmute', 'libobs.push-to-mute', 'libobs.push-to-talk']);

  await must(studio.execute('hotkey.trigger', { name: 'libobs.push-to-talk', contextName: 'Mic', pressed: true }));
  expect(input('Mic').muted).toBe(false);
  await must(studio.execute('hotkey.trigger', { name: 'libobs.push-to-talk', contextName: 'Mic', pressed: false }));
  expect(input('Mic').muted).toBe(true);
  await must(studio.execute('hotkey.trigger', { name: 'libobs.push-to-mute', contextName: 'Mic', pressed: false }));
  expect(input('Mic').muted).toBe(false);
  await must(studio.execute('hotkey.trigger', { name: 'libobs.mute', contextName: 'Mic' }));
  expect(input('Mic').muted).toBe(true);
  await must(studio.execute('hotkey.trigger', { name: 'libobs.unmute', contextName: 'Mic', pressed: false }));
  expect(input('Mic').muted).toBe(true);
});

it('graphics actions: lower third show and scoreboard +1', async () => {
  const sceneUuid = studio.document().currentSceneUuid;
  await must(studio.execute('input.create', { sceneUuid, name: 'Name', kind: 'lower_third' }));
  await must(studio.execute('input.create', { sceneUuid, name: 'Score', kind: 'scoreboard' }));
  await must(studio.execute('hotkey.trigger', { name: 'BroadcastStudio.LowerThird.Show', contextName: 'Name' }));
  expect(input('Name').settings['visible']).toBe(true);
  await must(studio.execute('hotkey.trigger', { name: 'BroadcastStudio.Scoreboard.HomePlusOne', contextName: 'Score' }));
  await must(studio.execute('hotkey.trigger', { name: 'BroadcastStudio.Scoreboard.HomePlusOne', contextName: 'Score' }));
  expect(input('Score').settings['home_score']).toBe(2);
});

it('bindings are profile data: bound, unbound, kept across a restart, bad keys refused', async () => {
  const f1: KeyCombo = { key: 'OBS_KEY_F1', shift: false, control: false, alt: false, command: false };
  await must(studio.execute('hotkey.bind', { name: 'OBSBasic.StartRecording', keys: [f1] }));
  await studio.dispose();
  studio = await createStudio({ dataDir: dir, resourcesDir: RESOURCES });
  expect(studio.document().hotkeys).toEqual([{ name: 'OBSBasic.StartRecording', keys: [f1] }]);
  await must(studio.execute('hotkey.bind', { name: 'OBSBasic.StartRecording', keys: [] }));
  expect(studio.document().hotkeys).toEqual([]);

  const bad = await studio.execute('hotkey.bind', { name: 'OBSBasic.StartRecording', keys: [{ ...f1, key: 'F1' }] });
  expect(bad).toMatchObject({ ok: false, error: { message: expect.stringContaining('OBS key id') } });
  const malformed = await studio.execute('hotkey.trigger', { name: 7 });
  expect(malformed).toMatchObject({ ok: false, error: { field: 'name' } });
  const none = await must(studio.execute('hotkey.triggerKeys', { combo: f1 }));
  expect(none).toEqual({ triggered: [] });
});
