/**
 * "Open folder" in the desktop app: the folder is always the one the engine reports; whatever path
 * a page sends along is ignored, an unknown kind is refused by name, and untrusted senders get nothing.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IpcChannel, Status, ok, type StudioAbout } from '../shared';
import type { Studio } from '../engine/api';
import { bindOpenFolder } from './open-folder';
import { fakeElectron } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectron);

let dir: string;
let about: StudioAbout;
let trusted: boolean;
const asked: string[] = [];
const studio = {
  execute: (type: string) => {
    asked.push(type);
    return Promise.resolve(ok(about));
  },
} as unknown as Studio;

beforeEach(async () => {
  fakeElectron.reset();
  asked.length = 0;
  trusted = true;
  dir = await mkdtemp(path.join(tmpdir(), 'open-folder-'));
  about = {
    version: '0.1.0',
    logFile: null,
    folders: { recordings: path.join(dir, 'recordings'), replays: path.join(dir, 'recordings'), screenshots: path.join(dir, 'shots') },
  };
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const bind = () => bindOpenFolder({ studio, logger: { log: () => {} }, trusted: () => trusted });
const ask = (...args: unknown[]) => fakeElectron.ipcMain.invoke(IpcChannel.openFolder, {}, ...args) as Promise<{ ok: boolean; value?: unknown; error?: { code: number; message: string; field?: string } }>;

describe('bindOpenFolder', () => {
  it("opens the engine's folder of that kind, creating it when nothing was saved there yet", async () => {
    bind();
    expect(await ask('screenshots')).toEqual(ok({ path: about.folders.screenshots }));
    expect(fakeElectron.shell.openedPaths).toEqual([about.folders.screenshots]);
    expect((await stat(about.folders.screenshots)).isDirectory()).toBe(true);
    expect(asked).toEqual(['studio.about']);
  });

  it('ignores a path sent along: the page names only the kind', async () => {
    bind();
    await ask('recordings', '/etc', '../../..');
    expect(fakeElectron.shell.openedPaths).toEqual([about.folders.recordings]);
  });

  it('refuses a kind that is not a folder kind, naming the field and the choices', async () => {
    bind();
    for (const kind of ['/etc', '../recordings', { kind: 'recordings' }, undefined]) {
      const r = await ask(kind);
      expect(r.ok).toBe(false);
      expect(r.error).toMatchObject({ code: Status.InvalidRequestField, field: 'kind' });
      expect(r.error!.message).toContain('recordings, replays, screenshots');
    }
    expect(fakeElectron.shell.openedPaths).toEqual([]);
  });

  it("says why when the file manager does not open it", async () => {
    bind();
    fakeElectron.shell.openPathAnswer = 'No application is registered to open folders';
    const r = await ask('replays');
    expect(r.ok).toBe(false);
    expect(r.error!.message).toContain('No application is registered');
  });

  it('opens nothing for an untrusted sender, and is gone once disposed', async () => {
    const binding = bind();
    trusted = false;
    const r = await ask('recordings');
    expect(r.error!.code).toBe(Status.NotReady);
    expect(asked).toEqual([]);
    expect(fakeElectron.shell.openedPaths).toEqual([]);
    binding.dispose();
    await expect(ask('recordings')).rejects.toThrow(/No handler/);
  });
});
