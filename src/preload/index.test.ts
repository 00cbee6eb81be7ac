/**
 * The desktop bridge exposes exactly what the UI needs and nothing that runs a program or reads a
 * path: its members are fixed here, so adding one is a deliberate change to this test.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { FRAME_PORT_MESSAGE, IpcChannel, type StudioBridge } from '../shared';

const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as unknown[][],
  sent: [] as unknown[][],
  listeners: new Map<string, (event: unknown, ...args: unknown[]) => void>(),
  /** What the preload posted to the page's window. */
  windowPosts: [] as unknown[][],
}));

vi.stubGlobal('postMessage', (...args: unknown[]) => fake.windowPosts.push(args));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api) },
  ipcRenderer: {
    on: (channel: string, fn: (event: unknown, ...args: unknown[]) => void) => fake.listeners.set(channel, fn),
    invoke: (...args: unknown[]) => {
      fake.invoked.push(args);
      return Promise.resolve({ ok: true, value: null });
    },
    send: (...args: unknown[]) => fake.sent.push(args),
  },
}));

let bridge: StudioBridge;
beforeAll(async () => {
  await import('./index');
  bridge = fake.exposed.get('studio') as StudioBridge;
});

describe('the preload bridge', () => {
  it('exposes one frozen object with only the studio bridge members', () => {
    expect([...fake.exposed.keys()]).toEqual(['studio']);
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.keys(bridge).sort()).toEqual(
      ['browserSourceAudio', 'chooseFfmpeg', 'host', 'invoke', 'mediaUrl', 'onFrameAck', 'onMenuAction', 'openFolder', 'reportStats', 'requestFramePort', 'sendFrame', 'setMenu', 'subscribe'].sort(),
    );
    for (const value of Object.values(bridge)) expect(['function', 'string']).toContain(typeof value);
    expect(bridge.host).toBe('desktop');
  });

  it('sends commands to the engine, which decides; it has no path or program of its own', async () => {
    await bridge.invoke('output.setFfmpegPath', { ffmpegPath: '/tmp/evil' });
    expect(fake.invoked.at(-1)).toEqual([IpcChannel.invoke, 'output.setFfmpegPath', { ffmpegPath: '/tmp/evil' }]);
    await bridge.chooseFfmpeg!();
    // Only the channel: the page cannot pass a path to the dialog.
    expect(fake.invoked.at(-1)).toEqual([IpcChannel.chooseFfmpeg]);
    expect(bridge.mediaUrl('/a b/c.png')).toBe('studio-media://file/%2Fa%20b%2Fc.png');
  });

  it("asks for a browser source's sound by the input's uuid only", async () => {
    await bridge.browserSourceAudio!('input-7');
    expect(fake.invoked.at(-1)).toEqual([IpcChannel.browserSourceAudio, 'input-7']);
  });

  it('opens a folder by kind only, and passes menu ids (strings only) to the page', async () => {
    await bridge.openFolder!('recordings');
    expect(fake.invoked.at(-1)).toEqual([IpcChannel.openFolder, 'recordings']);
    bridge.setMenu!([]);
    expect(fake.sent.at(-1)).toEqual([IpcChannel.menuModel, []]);
    const got: string[] = [];
    const off = bridge.onMenuAction!((id) => got.push(id));
    const deliver = fake.listeners.get(IpcChannel.menuAction)!;
    deliver({ sender: 'ipc' }, 'edit.undo');
    deliver({ sender: 'ipc' }, { not: 'an id' });
    off();
    deliver({ sender: 'ipc' }, 'edit.redo');
    expect(got).toEqual(['edit.undo']);
  });

  it('asks for the frame port once per page, takes no argument, and hands only the port to the page', () => {
    bridge.requestFramePort!();
    bridge.requestFramePort!();
    expect(fake.sent.filter(([c]) => c === IpcChannel.framePort)).toEqual([[IpcChannel.framePort]]);
    const port = { postMessage: () => {} };
    fake.listeners.get(IpcChannel.framePort)!({ ports: [port], sender: 'ipc' });
    expect(fake.windowPosts).toEqual([[FRAME_PORT_MESSAGE, '*', [port]]]);
    // A message without a port posts nothing.
    fake.listeners.get(IpcChannel.framePort)!({ ports: [], sender: 'ipc' });
    expect(fake.windowPosts).toHaveLength(1);
  });

  it('still sends frames over IPC (the fallback before or without the port)', () => {
    const frame = new ArrayBuffer(32);
    bridge.sendFrame(frame);
    expect(fake.sent.at(-1)).toEqual([IpcChannel.frame, frame]);
  });
});
