/**
 * The desktop bridge's frame path: IPC until the page's frame port comes, then the port, over a
 * real MessageChannel (the runtime's own, which clones as Chromium's does). Frames are cloned, never
 * transferred, so the producers' reused buffers stay whole.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FRAME_PORT_MESSAGE, ok, type StudioBridge } from '../../shared';
import { desktopBridge, type PortWindow } from './desktop';

type Listener = Parameters<PortWindow['addEventListener']>[1];

/** A window the preload posts to: listeners, and a way to deliver a message event. */
type FakeWindow = PortWindow & { listeners: Set<Listener>; post(data: unknown, ports: unknown[], source?: unknown): void };

function fakeWindow(): FakeWindow {
  const listeners = new Set<Listener>();
  const win: FakeWindow = {
    listeners,
    addEventListener: (_t: 'message', l: Listener) => void listeners.add(l),
    removeEventListener: (_t: 'message', l: Listener) => void listeners.delete(l),
    post(data: unknown, ports: unknown[], source: unknown = win) {
      for (const l of [...listeners]) l({ source, data, ports });
    },
  };
  return win;
}

function fakeStudio(): StudioBridge & { ipcFrames: ArrayBuffer[]; portRequests: number } {
  const s = {
    host: 'desktop' as const,
    ipcFrames: [] as ArrayBuffer[],
    portRequests: 0,
    invoke: () => Promise.resolve(ok(null)),
    subscribe: () => () => {},
    sendFrame: (m: ArrayBuffer) => void s.ipcFrames.push(m),
    onFrameAck: () => () => {},
    reportStats: () => {},
    mediaUrl: (p: string) => p,
    requestFramePort: () => void s.portRequests++,
  };
  return s as unknown as StudioBridge & { ipcFrames: ArrayBuffer[]; portRequests: number };
}

const open: MessagePort[] = [];
afterEach(() => {
  for (const p of open.splice(0)) p.close();
});

function channel(): { page: MessagePort; main: MessagePort; received: ArrayBuffer[] } {
  const { port1, port2 } = new MessageChannel();
  open.push(port1, port2);
  const received: ArrayBuffer[] = [];
  port2.onmessage = (event: MessageEvent<ArrayBuffer>) => void received.push(event.data);
  return { page: port1, main: port2, received };
}

describe('desktopBridge frames', () => {
  it('listens before it asks, sends over IPC until the port comes, then on the port, cloned', async () => {
    const win = fakeWindow();
    const studio = fakeStudio();
    const bridge = desktopBridge(studio, win);
    expect(studio.portRequests).toBe(1);
    expect(win.listeners.size).toBe(1);

    const first = new Uint8Array([1, 2, 3]).buffer;
    bridge.sendFrame(first);
    expect(studio.ipcFrames).toEqual([first]);

    const { page, received } = channel();
    win.post(FRAME_PORT_MESSAGE, [page]);
    expect(win.listeners.size).toBe(0);

    // One buffer reused for two frames, as the audio sender and the repeat message do.
    const reused = new Uint8Array(1382400);
    reused[0] = 7;
    bridge.sendFrame(reused.buffer);
    expect(reused.buffer.byteLength).toBe(1382400);
    reused[0] = 8;
    bridge.sendFrame(reused.buffer);
    await expect.poll(() => received.length).toBe(2);
    expect(received.map((b) => new Uint8Array(b)[0])).toEqual([7, 8]);
    expect(received[0]!.byteLength).toBe(1382400);
    expect(studio.ipcFrames).toHaveLength(1);
  });

  it('takes the port only from its own window, with the tag, and keeps IPC otherwise', () => {
    const win = fakeWindow();
    const studio = fakeStudio();
    const bridge = desktopBridge(studio, win);
    const { page } = channel();
    win.post(FRAME_PORT_MESSAGE, [page], { other: 'frame' });
    win.post('something else', [page]);
    win.post(FRAME_PORT_MESSAGE, []);
    const frame = new ArrayBuffer(32);
    bridge.sendFrame(frame);
    expect(studio.ipcFrames).toEqual([frame]);
    expect(win.listeners.size).toBe(1);
  });

  it('uses IPC alone where the preload offers no port', () => {
    const win = fakeWindow();
    const studio = fakeStudio();
    delete (studio as { requestFramePort?: unknown }).requestFramePort;
    const bridge = desktopBridge(studio, win);
    expect(win.listeners.size).toBe(0);
    const frame = new ArrayBuffer(32);
    bridge.sendFrame(frame);
    expect(studio.ipcFrames).toEqual([frame]);
  });
});
