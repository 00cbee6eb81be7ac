/** Global hotkeys: bound combos become Electron accelerators, follow the profile, and run the engine's action. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { Studio } from '../engine/api';
import { createStudio } from '../engine/studio';
import { accelerator, bindGlobalHotkeys } from './global-hotkeys';
import { fakeElectron } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectron);

const RESOURCES = path.resolve(import.meta.dirname, '../../resources');
let dir: string;
let studio: Studio;
const warnings: string[] = [];
const logger = { log: (level: string, message: string) => void (level === 'warn' && warnings.push(message)) };

beforeEach(async () => {
  fakeElectron.reset();
  warnings.length = 0;
  dir = await mkdtemp(path.join(tmpdir(), 'bs-global-'));
  studio = await createStudio({ dataDir: dir, resourcesDir: RESOURCES });
});
afterEach(async () => {
  await studio.dispose();
  await rm(dir, { recursive: true, force: true });
});

const combo = (key: string, mods: Partial<{ shift: boolean; control: boolean; alt: boolean; command: boolean }> = {}) => ({
  key,
  shift: false,
  control: false,
  alt: false,
  command: false,
  ...mods,
});

it('names OBS key combos as Electron accelerators', () => {
  expect(accelerator(combo('OBS_KEY_F1', { control: true, shift: true }))).toBe('Control+Shift+F1');
  expect(accelerator(combo('OBS_KEY_A', { command: true }))).toBe('Super+A');
  expect(accelerator(combo('OBS_KEY_NUM4'))).toBe('num4');
  expect(accelerator(combo('OBS_KEY_SPACE', { alt: true }))).toBe('Alt+Space');
  expect(accelerator(combo('OBS_KEY_ASCIITILDE'))).toBeNull();
});

it('registers what the profile binds, runs the action on a press, and reports a combo another app holds', async () => {
  const binding = bindGlobalHotkeys({ studio, logger });
  expect([...fakeElectron.globalShortcut.registered.keys()]).toEqual([]);
  fakeElectron.globalShortcut.taken.add('Control+F8');
  const sceneUuid = studio.document().currentSceneUuid;
  const created = await studio.execute('scene.create', { name: 'Away' });
  if (!created.ok) throw new Error(created.error.message);
  await studio.execute('hotkey.bind', { name: 'OBSBasic.SelectScene', contextUuid: sceneUuid, keys: [combo('OBS_KEY_F7', { control: true })] });
  await studio.execute('hotkey.bind', { name: 'OBSBasic.StartRecording', keys: [combo('OBS_KEY_F8', { control: true })] });
  expect([...fakeElectron.globalShortcut.registered.keys()]).toEqual(['Control+F7']);
  expect(warnings).toEqual(['Ctrl+F8 cannot be a global hotkey (the system or another app holds it); it still works in the studio window.']);

  await studio.execute('scene.setCurrent', { sceneUuid: created.value.sceneUuid });
  fakeElectron.globalShortcut.registered.get('Control+F7')!();
  await vi.waitFor(() => expect(studio.document().currentSceneUuid).toBe(sceneUuid));

  binding.dispose();
  expect(fakeElectron.globalShortcut.registered.size).toBe(0);
});
