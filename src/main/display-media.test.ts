import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const getSources = vi.fn();
vi.mock('electron', async () => ({ desktopCapturer: { getSources }, ipcMain: (await import('./testing/fake-electron')).fakeElectron.ipcMain }));
const { PAGE_AUDIO_TICKET_MS, PageAudioRoute, bindBrowserSourceAudio, chooseSource, installDisplayMediaHandler } = await import('./display-media');
const { fakeElectron } = await import('./testing/fake-electron');
const { IpcChannel } = await import('../shared');

const sources = [
  { id: 'window:1:0', name: 'Editor' },
  { id: 'screen:0:0', name: 'Entire screen' },
  { id: 'screen:1:0', name: 'Screen 2' },
];

describe('chooseSource', () => {
  it('finds the remembered source by id, then by name, else the first screen', () => {
    expect(chooseSource(sources, { id: 'screen:1:0', name: 'x' })?.name).toBe('Screen 2');
    expect(chooseSource(sources, { id: 'window:9:0', name: 'Editor' })?.id).toBe('window:1:0');
    expect(chooseSource(sources, { id: 'gone', name: 'gone' })?.id).toBe('screen:0:0');
    expect(chooseSource(sources, null)?.id).toBe('screen:0:0');
    expect(chooseSource([], null)).toBeNull();
  });
});

describe('installDisplayMediaHandler', () => {
  it("refuses at once, without asking for sources, when the system's privacy settings refuse the screen; captures otherwise", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'display-media-'));
    try {
      type Handler = (request: { frame: { url: string } | null; securityOrigin: string; audioRequested: boolean }, callback: (r: object) => void) => void;
      let handler: Handler | null = null;
      const ses = { setDisplayMediaRequestHandler: (h: Handler) => (handler = h) };
      let refused = true;
      const warnings: string[] = [];
      installDisplayMediaHandler(ses as never, { dataDir, ours: () => true, logger: { log: (_l, m) => warnings.push(m) }, screenRefused: () => refused });
      const ask = (): Promise<object> => new Promise((resolve) => handler!({ frame: { url: 'file:///studio' }, securityOrigin: 'file://', audioRequested: false }, resolve));

      expect(await ask()).toEqual({});
      expect(getSources).not.toHaveBeenCalled();
      expect(warnings).toContain('screen capture is refused by the system privacy settings');

      refused = false;
      getSources.mockResolvedValue(sources);
      expect(await ask()).toMatchObject({ video: { id: 'screen:0:0' } });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("browser sources' sound: a ticket, then the page's frame as the display stream", () => {
  type Handler = (request: { frame: { url: string; processId: number; routingId: number } | null; securityOrigin: string; audioRequested: boolean }, callback: (r: object) => void) => void;
  const studioFrame = { url: 'file:///studio/index.html', processId: 3, routingId: 9 };
  const pageFrame = { url: 'https://overlay.example/', processId: 40, routingId: 1 };

  function rig() {
    let now = 1000;
    const frames = new Map<string, typeof pageFrame>([['rerouted', pageFrame]]);
    const route = new PageAudioRoute({ audioFrame: (id) => (frames.get(id) ?? null) as never }, () => now);
    let handler: Handler | null = null;
    const logs: string[] = [];
    const logger = { log: (_l: string, m: string) => logs.push(m) };
    installDisplayMediaHandler({ setDisplayMediaRequestHandler: (h: Handler) => (handler = h) } as never, {
      dataDir: '/nonexistent',
      ours: (url) => url.startsWith('file:///studio/'),
      logger,
      screenRefused: () => true,
      pageAudio: route,
    });
    const ask = (frame = studioFrame): Promise<object> =>
      new Promise((resolve) => handler!({ frame, securityOrigin: 'file://', audioRequested: true }, resolve));
    return { route, ask, logs, logger, advance: (ms: number) => (now += ms) };
  }

  it("answers the studio's next getDisplayMedia with the page's main frame, once", async () => {
    const r = rig();
    expect(r.route.arm(studioFrame, 'rerouted')).toEqual({ ok: true, value: null });
    // No picker, no screen: the page's own frame, for audio (and the video getDisplayMedia insists on).
    expect(await r.ask()).toEqual({ video: pageFrame, audio: pageFrame });
    // Good once: the next request is a screen request again (refused here by the privacy settings).
    expect(await r.ask()).toEqual({});
  });

  it('refuses a page without reroute_audio or not running, a bad uuid, a stale ticket and another frame', async () => {
    const r = rig();
    const off = r.route.arm(studioFrame, 'muted-one');
    expect(!off.ok && off.error.message).toMatch(/no running page whose sound the studio controls/);
    for (const bad of [42, '', 'x'.repeat(101), null]) {
      const res = r.route.arm(studioFrame, bad);
      expect(!res.ok && res.error.field).toBe('inputUuid');
    }
    r.route.arm(studioFrame, 'rerouted');
    r.advance(PAGE_AUDIO_TICKET_MS + 1);
    expect(await r.ask()).toEqual({});
    // A ticket belongs to the frame that asked for it.
    r.route.arm(studioFrame, 'rerouted');
    expect(r.route.take({ processId: 3, routingId: 10 })).toBeNull();
    expect(r.route.take(null)).toBeNull();
    expect(r.route.take(studioFrame)).toBe(pageFrame);
    // A frame that is not the studio's page gets nothing, ticket or not.
    r.route.arm(pageFrame, 'rerouted');
    expect(await r.ask(pageFrame)).toEqual({});
  });

  it('arms tickets over IPC only for the trusted page', async () => {
    const r = rig();
    let trusted = true;
    const bound = bindBrowserSourceAudio({ route: r.route, logger: r.logger, trusted: () => trusted });
    try {
      const event = { senderFrame: studioFrame };
      expect(await fakeElectron.ipcMain.invoke(IpcChannel.browserSourceAudio, event, 'rerouted')).toEqual({ ok: true, value: null });
      expect(await r.ask()).toEqual({ video: pageFrame, audio: pageFrame });
      trusted = false;
      const refused = (await fakeElectron.ipcMain.invoke(IpcChannel.browserSourceAudio, event, 'rerouted')) as { ok: boolean };
      expect(refused.ok).toBe(false);
      expect(r.logs).toContain('refused IPC from an unknown sender');
      expect(await r.ask()).toEqual({});
    } finally {
      bound.dispose();
    }
    expect(fakeElectron.ipcMain.handlers.has(IpcChannel.browserSourceAudio)).toBe(false);
  });
});
