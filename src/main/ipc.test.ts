/**
 * The IPC binding against a real Studio, through a fake `electron`: an untrusted sender reaches
 * nothing, and our own page cannot send a host-only command (the FFmpeg path) either.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FRAME_HEADER_BYTES, FrameKind, IpcChannel, Status, VideoFormat, writeFrameHeader } from '../shared';
import type { Disposable, Studio } from '../engine/api';
import { createStudio } from '../engine/studio';
import { bindStudioIpc } from './ipc';
import { FakeWebContents, fakeElectron, type FakeMessagePortMain } from './testing/fake-electron';

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

/** A video Repeat frame (header only) with this sequence, as the compositor sends one. */
function repeatFrame(sequence: number): ArrayBuffer {
  const buffer = new ArrayBuffer(FRAME_HEADER_BYTES);
  writeFrameHeader(new DataView(buffer), { kind: FrameKind.Video, format: VideoFormat.Repeat, width: 1280, height: 720, sequence, captureMs: 0 });
  return buffer;
}

/** The page asks for its frame port (as the preload does) and gets the page's end of it. */
function askPort(wc: FakeWebContents): FakeMessagePortMain {
  fakeElectron.ipcMain.emit(IpcChannel.framePort, { sender: wc, senderFrame: { url: wc.url } });
  const posted = wc.posted.at(-1);
  expect(posted?.channel).toBe(IpcChannel.framePort);
  expect(posted!.message).toBeNull();
  expect(posted!.transfer).toHaveLength(1);
  return posted!.transfer[0]!;
}

const acks = (wc: FakeWebContents): unknown[] => wc.sent.filter(([c]) => c === IpcChannel.ack).map(([, v]) => v);

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

  it('gives our page a frame port whose frames reach its session, and posts nothing back on it', () => {
    const wc = new FakeWebContents('file:///page');
    const page = askPort(wc);
    expect(page.transferred).toBe(true);
    // Not the output owner: the engine acknowledges at once, which proves the frame arrived.
    page.postMessage(repeatFrame(7));
    page.postMessage(new Uint8Array(repeatFrame(8)));
    expect(acks(wc)).toEqual([7, 8]);
    // The old path still works beside it (a bridge without the port, or before it came).
    fakeElectron.ipcMain.emit(IpcChannel.frame, { sender: wc, senderFrame: { url: wc.url } }, repeatFrame(9));
    expect(acks(wc)).toEqual([7, 8, 9]);
    // Only binary frames: anything else is dropped and logged.
    page.postMessage({ not: 'a frame' });
    expect(refused).toContain('dropped a frame message that is not binary');
    expect(acks(wc)).toEqual([7, 8, 9]);
    // Acks go over IPC; nothing was ever posted to the page on the port.
    const ours = page.other!;
    expect(ours.started).toBe(true);
    let echoed = 0;
    page.on('message', () => echoed++);
    page.start();
    expect(echoed).toBe(0);
  });

  it('gives an untrusted sender no port', () => {
    trusted = false;
    const wc = new FakeWebContents('https://example.com/');
    fakeElectron.ipcMain.emit(IpcChannel.framePort, { sender: wc, senderFrame: { url: wc.url } });
    expect(wc.posted).toEqual([]);
    expect(fakeElectron.MessageChannelMain.created).toEqual([]);
    expect(refused).toContain('refused IPC from an unknown sender');
  });

  it('closes the port when the page asks again, navigates, or the binding goes', () => {
    const wc = new FakeWebContents('file:///page');
    const first = askPort(wc);
    const second = askPort(wc);
    expect(first.closed).toBe(true);
    expect(second.closed).toBe(false);
    // A frame on the old port reaches nothing.
    first.postMessage(repeatFrame(1));
    second.postMessage(repeatFrame(2));
    expect(acks(wc)).toEqual([2]);
    wc.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    expect(second.closed).toBe(true);
    const third = askPort(wc);
    binding.dispose();
    expect(third.closed).toBe(true);
    binding = { dispose: () => {} };
  });

  it('removes every handler when disposed', () => {
    binding.dispose();
    expect(fakeElectron.ipcMain.handlers.has(IpcChannel.invoke)).toBe(false);
    for (const c of [IpcChannel.subscribe, IpcChannel.frame, IpcChannel.framePort, IpcChannel.stats]) expect(fakeElectron.ipcMain.count(c), c).toBe(0);
    binding = { dispose: () => {} };
  });
});
