/**
 * The IPC binding against a real Studio, through a fake `electron`: an untrusted sender reaches
 * nothing, and our own page cannot send a host-only command (the FFmpeg path) either.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IpcChannel, Status } from '../shared';
import type { Disposable, Studio } from '../engine/api';
import { createStudio } from '../engine/studio';
import { bindStudioIpc } from './ipc';
import { FakeWebContents, fakeElectron } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectron);

const RESOURCES = path.resolve(import.meta.dirname, '../../resources');
let dir: string;
let studio: Studio;
let binding: Disposable;
let trusted: boolean;
const refused: string[] = [];

beforeEach(async () => {
  fakeElectron.reset();
  refused.length = 0;
  trusted = true;
  dir = await mkdtemp(path.join(tmpdir(), 'bs-ipc-'));
  studio = await createStudio({ dataDir: dir, resourcesDir: RESOURCES });
  binding = bindStudioIpc({ studio, logger: { log: (_l, msg) => refused.push(msg) }, trusted: () => trusted });
});
afterEach(async () => {
  binding.dispose();
  await studio.dispose();
  await rm(dir, { recursive: true, force: true });
});

const invoke = (wc: FakeWebContents, type: unknown, args: unknown) => fakeElectron.ipcMain.invoke(IpcChannel.invoke, { sender: wc, senderFrame: { url: wc.url } }, type, args) as Promise<{ ok: boolean; value?: unknown; error?: { code: number; message: string } }>;

describe('bindStudioIpc', () => {
  it('runs our page\'s commands', async () => {
    const r = await invoke(new FakeWebContents('file:///page'), 'scene.create', { name: 'From IPC' });
    expect(r.ok).toBe(true);
    expect(studio.document().scenes.map((s) => s.name)).toContain('From IPC');
  });

  it('an untrusted sender creates nothing and is logged', async () => {
    trusted = false;
    const r = await invoke(new FakeWebContents('https://example.com/'), 'scene.create', { name: 'Forged' });
    expect(r.ok).toBe(false);
    expect(r.error!.code).toBe(Status.NotReady);
    expect(studio.document().scenes.map((s) => s.name)).not.toContain('Forged');
    expect(refused).toContain('refused IPC from an unknown sender');
  });

  it('our own page cannot set the FFmpeg path: that is the main process\'s file dialog', async () => {
    const before = studio.document().output.ffmpegPath;
    const r = await invoke(new FakeWebContents('file:///page'), 'output.setFfmpegPath', { ffmpegPath: '/tmp/evil.sh' });
    expect(r.ok).toBe(false);
    expect(r.error!.code).toBe(Status.HostOnly);
    expect(r.error!.message).toMatch(/desktop app choose it in Settings → Output|file dialog/);
    expect(studio.document().output.ffmpegPath).toBe(before);
  });

  it('removes every handler when disposed', () => {
    binding.dispose();
    expect(fakeElectron.ipcMain.handlers.has(IpcChannel.invoke)).toBe(false);
    for (const c of [IpcChannel.subscribe, IpcChannel.frame, IpcChannel.stats]) expect(fakeElectron.ipcMain.count(c), c).toBe(0);
    binding = { dispose: () => {} };
  });
});
