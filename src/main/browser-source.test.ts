/**
 * The desktop app's browser sources on the fake Electron: each page is an offscreen window in its own
 * in-memory partition with no Node and no preload; paints become PNG frames; CSS, size, frame rate
 * and refresh follow the settings; navigations, requests, permissions, new windows and webviews are
 * refused where the policy says; the studio's own guards leave these pages alone.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserFrame, BrowserPageSpec } from '../engine/browser/backend';
import { createOffscreenBrowserHost, partitionFor } from './browser-source';
import { installGuards } from './guards';
import { FakeEvent, FakeSession, FakeWebContents, fakeElectron } from './testing/fake-electron';
import { FakeImage, FakeOffscreenWindow, partitions } from './testing/fake-offscreen';

vi.mock('electron', async () => (await import('./testing/fake-offscreen')).fakeOffscreenElectron);

const OBS_WEBSOCKET = 'ws://127.0.0.1:4455';
const logs: string[] = [];
const logger = { log: (_level: string, msg: string, fields?: Record<string, unknown>) => logs.push(`${msg} ${JSON.stringify(fields ?? {})}`) };

const spec = (over: Partial<BrowserPageSpec> = {}): BrowserPageSpec => ({
  url: 'https://example.com/overlay',
  localFile: null,
  width: 1280,
  height: 720,
  css: 'body { background: transparent }',
  fps: 30,
  ...over,
});

function open(id = 'input-1', s = spec()) {
  const host = createOffscreenBrowserHost({ logger, blockedOrigins: () => [OBS_WEBSOCKET] });
  const frames: BrowserFrame[] = [];
  const problems: (string | null)[] = [];
  const page = host.open(id, s, { frame: (f) => frames.push(f), problem: (p) => problems.push(p) });
  const win = FakeOffscreenWindow.created.at(-1) as FakeOffscreenWindow;
  return { host, page, win, wc: win.webContents, frames, problems, ses: partitions.get(partitionFor(id))! };
}

beforeEach(() => {
  fakeElectron.reset();
  partitions.clear();
  logs.length = 0;
});

describe('createOffscreenBrowserHost', () => {
  it('opens each page offscreen in its own in-memory partition, sandboxed, with no Node and no preload', () => {
    const { win, wc } = open('a-1');
    open('b-2');
    expect(win.options['show']).toBe(false);
    const prefs = win.options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({
      offscreen: true,
      partition: 'browser-source-a-1',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(prefs).not.toHaveProperty('preload');
    expect(String(prefs['partition'])).not.toMatch(/^persist:/);
    expect((FakeOffscreenWindow.created[1]!.options['webPreferences'] as Record<string, unknown>)['partition']).toBe('browser-source-b-2');
    expect(wc.loadedUrls).toEqual(['https://example.com/overlay']);
    expect(wc.audioMuted).toBe(true);
    expect(wc.frameRate).toBe(30);
  });

  it("offers the page's main frame for its sound only with reroute_audio on, unmuting it then", () => {
    const { host, page, wc } = open('snd');
    expect(wc.audioMuted).toBe(true);
    expect(host.audioFrame('snd')).toBeNull();
    page.update(spec({ audio: true }));
    expect(wc.audioMuted).toBe(false);
    expect(host.audioFrame('snd')).toBe(wc.mainFrame);
    expect(host.audioFrame('other')).toBeNull();
    page.update(spec({ audio: false }));
    expect(wc.audioMuted).toBe(true);
    expect(host.audioFrame('snd')).toBeNull();
    page.update(spec({ audio: true }));
    void page.close();
    expect(host.audioFrame('snd')).toBeNull();
  });

  it('turns paints into PNG frames of the painted size, and adds the custom CSS after each load', async () => {
    const { wc, frames } = open();
    wc.emit('paint', {}, {}, new FakeImage(1280, 720, Buffer.from('PNGDATA')));
    wc.emit('paint', {}, {}, new FakeImage(0, 0));
    expect(frames).toEqual([{ width: 1280, height: 720, mime: 'image/png', data: Buffer.from('PNGDATA').toString('base64'), capturedAt: null }]);
    wc.emit('did-finish-load');
    await vi.waitFor(() => expect([...wc.css.values()]).toEqual(['body { background: transparent }']));
  });

  it('follows new settings: size, frame rate, CSS (replaced, not stacked), address; refresh bypasses the cache', async () => {
    const { page, win, wc } = open();
    wc.emit('did-finish-load');
    await vi.waitFor(() => expect(wc.css.size).toBe(1));
    page.update(spec({ width: 640, height: 360, fps: 10, css: 'p { color: red }' }));
    expect(win.contentSize).toEqual([640, 360]);
    expect(wc.frameRate).toBe(10);
    await vi.waitFor(() => expect([...wc.css.values()]).toEqual(['p { color: red }']));
    page.update(spec({ width: 640, height: 360, fps: 10, css: 'p { color: red }', url: 'https://example.org/' }));
    expect(wc.loadedUrls.at(-1)).toBe('https://example.org/');
    page.reload();
    expect(wc.reloads).toBe(1);
  });

  it('refuses navigations to the studio, to files and to script URLs; opens no window and no webview', () => {
    const { wc } = open();
    const go = (event: string, url: string): boolean => {
      const e = new FakeEvent();
      wc.emit(event, e, url);
      return e.prevented;
    };
    expect(go('will-navigate', 'https://example.com/next')).toBe(false);
    expect(go('will-navigate', 'http://localhost:4455/')).toBe(true);
    expect(go('will-redirect', 'http://127.0.0.1:4455/x')).toBe(true);
    expect(go('will-navigate', pathToFileURL('/etc/passwd').href)).toBe(true);
    expect(go('will-navigate', 'studio-media://file/%2Fetc%2Fpasswd')).toBe(true);
    expect(go('will-navigate', 'javascript:alert(1)')).toBe(true);
    const frame = Object.assign(new FakeEvent(), { url: 'http://[::1]:4455/' });
    wc.emit('will-frame-navigate', frame);
    expect(frame.prevented).toBe(true);
    expect(wc.windowOpenHandler!({ url: 'https://example.com/popup' })).toEqual({ action: 'deny' });
    const webview = new FakeEvent();
    wc.emit('will-attach-webview', webview);
    expect(webview.prevented).toBe(true);
    expect(logs.filter((l) => l.startsWith('browser source navigation refused'))).toHaveLength(6);
  });

  it("filters the partition's requests and refuses every permission", () => {
    const { ses } = open();
    expect(ses.cancels('https://cdn.example.com/app.js')).toBe(false);
    expect(ses.cancels('data:image/png;base64,AAAA')).toBe(false);
    expect(ses.cancels('ws://127.0.0.1:4455/')).toBe(true);
    expect(ses.cancels('studio-media://file/%2Fhome%2Fme%2Fclip.mp4')).toBe(true);
    expect(ses.cancels('file:///home/me/.ssh/id_ed25519')).toBe(true);
    let granted: boolean | null = null;
    ses.requestHandler!(null, 'media', (g) => (granted = g), { requestingUrl: 'https://example.com/' });
    expect(granted).toBe(false);
    expect(ses.checkHandler!(null, 'clipboard-read')).toBe(false);
  });

  it('a local file may load its own folder only', () => {
    const file = path.resolve('/srv/show/index.html');
    const { wc, ses } = open('local', spec({ url: pathToFileURL(file).href, localFile: file }));
    expect(wc.loadedUrls).toEqual([pathToFileURL(file).href]);
    expect(ses.cancels(pathToFileURL('/srv/show/img/logo.png').href)).toBe(false);
    expect(ses.cancels(pathToFileURL('/srv/other.html').href)).toBe(true);
  });

  it('says why a page shows nothing: a refused address, a failed load, a crash', () => {
    const refused = open('x', spec({ url: 'http://127.0.0.1:4455/' }));
    expect(refused.wc.loadedUrls).toEqual([]);
    expect(refused.problems).toEqual(["the page was not opened: the studio's own server is off limits to browser sources"]);
    const { wc, problems } = open('y');
    wc.emit('did-fail-load', {}, -3, 'ERR_ABORTED', 'https://example.com/overlay', true);
    wc.emit('did-fail-load', {}, -105, 'ERR_NAME_NOT_RESOLVED', 'https://ads.example.com/x', false);
    wc.emit('did-fail-load', {}, -105, 'ERR_NAME_NOT_RESOLVED', 'https://example.com/overlay', true);
    wc.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(problems).toEqual([
      'the page could not be loaded (ERR_NAME_NOT_RESOLVED: https://example.com/overlay)',
      'the page stopped (crashed); refresh it to try again',
    ]);
  });

  it('closes the window on close and on dispose; a closed page is no longer ours', async () => {
    const { host, page, win, wc } = open('c');
    expect(host.owns(wc as never)).toBe(true);
    await page.close();
    expect(win.destroyed).toBe(true);
    expect(host.owns(wc as never)).toBe(false);
    open('d');
    const other = FakeOffscreenWindow.created.at(-1)!;
    const second = createOffscreenBrowserHost({ logger, blockedOrigins: () => [] });
    second.open('e', spec(), { frame: () => {}, problem: () => {} });
    await second.dispose();
    expect((FakeOffscreenWindow.created.at(-1) as FakeOffscreenWindow).destroyed).toBe(true);
    expect(other.destroyed).toBe(false);
  });
});

describe("the studio's guards and browser sources", () => {
  it("leave a browser source's navigations to it, and never open its links in the user's browser", () => {
    const { host, wc } = open('g');
    installGuards(new FakeSession() as never, path.resolve('/opt/studio/out/renderer/index.html'), logger, (c) => host.owns(c as never));
    fakeElectron.app.emit('web-contents-created', {}, wc);
    const e = new FakeEvent();
    wc.emit('will-navigate', e, 'https://example.com/next');
    expect(e.prevented).toBe(false);
    expect(wc.windowOpenHandler!({ url: 'https://example.com/popup' })).toEqual({ action: 'deny' });
    expect(fakeElectron.shell.opened).toEqual([]);
    // The studio's own contents are still held to the studio's page.
    const studioPage = new FakeWebContents('file:///opt/studio/out/renderer/index.html');
    fakeElectron.app.emit('web-contents-created', {}, studioPage);
    const away = new FakeEvent();
    studioPage.emit('will-navigate', away, 'https://example.com/');
    expect(away.prevented).toBe(true);
  });
});
