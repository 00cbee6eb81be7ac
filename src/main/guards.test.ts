/**
 * The session guards, driven through a fake `electron` as Electron would drive them: the CSP on
 * every response, navigation and redirects, new windows, webviews and permission requests.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../shared';
import { installGuards } from './guards';
import { FakeEvent, FakeSession, FakeWebContents, fakeElectron } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectron);

const INDEX = path.resolve('/opt/studio/out/renderer/index.html');
const PAGE = `${pathToFileURL(INDEX).href}?role=primary`;
const warnings: string[] = [];
let ses: FakeSession;

beforeEach(() => {
  fakeElectron.reset();
  warnings.length = 0;
  ses = new FakeSession();
  installGuards(ses as never, INDEX, { log: (_level, msg) => warnings.push(msg) });
});

/** A new web contents showing `url`, announced to the app as Electron does. */
function contents(url: string): FakeWebContents {
  const wc = new FakeWebContents(url);
  fakeElectron.app.emit('web-contents-created', {}, wc);
  return wc;
}

describe('installGuards', () => {
  it('replaces any Content-Security-Policy on every response with ours, keeping other headers', () => {
    let out: Record<string, string[]> = {};
    ses.headersHandler!({ responseHeaders: { 'content-security-policy': ["default-src *"], 'X-Other': ['1'] } }, (r) => (out = r.responseHeaders));
    expect(out).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY], 'X-Other': ['1'] });
    ses.headersHandler!({}, (r) => (out = r.responseHeaders));
    expect(out).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('stays on our page: navigation and redirects elsewhere are stopped, web links go to the browser', () => {
    const wc = contents(PAGE);
    const go = (event: string, url: string): boolean => {
      const e = new FakeEvent();
      wc.emit(event, e, url);
      return e.prevented;
    };
    expect(go('will-navigate', `${pathToFileURL(INDEX).href}?role=secondary#x`)).toBe(false);
    expect(go('will-navigate', 'https://example.com/help')).toBe(true);
    expect(go('will-redirect', 'http://127.0.0.1:9/evil')).toBe(true);
    expect(go('will-navigate', pathToFileURL('/etc/passwd').href)).toBe(true);
    expect(go('will-navigate', pathToFileURL(path.resolve('/opt/studio/out/renderer/other.html')).href)).toBe(true);
    expect(go('will-navigate', 'javascript:alert(1)')).toBe(true);
    // Only http(s) leaves for the user's browser; a file or script URL goes nowhere.
    expect(fakeElectron.shell.opened).toEqual(['https://example.com/help', 'http://127.0.0.1:9/evil']);
    expect(warnings.filter((w) => w === 'blocked navigation away from the studio')).toHaveLength(5);
  });

  it('opens no window inside the app and attaches no webview', () => {
    const wc = contents(PAGE);
    expect(wc.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler!({ url: `${pathToFileURL(INDEX).href}` })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(fakeElectron.shell.opened).toEqual(['https://example.com/']);
    const attach = new FakeEvent();
    wc.emit('will-attach-webview', attach, {}, {});
    expect(attach.prevented).toBe(true);
  });

  it('grants camera and microphone to our page only, and nothing else to anyone', () => {
    const ask = (wc: FakeWebContents | null, permission: string, requestingUrl: string): boolean => {
      let granted: boolean | null = null;
      ses.requestHandler!(wc, permission, (g) => (granted = g), { requestingUrl });
      return granted!;
    };
    const ours = new FakeWebContents(PAGE);
    const theirs = new FakeWebContents('https://example.com/');
    expect(ask(ours, 'media', PAGE)).toBe(true);
    expect(ask(ours, 'media', 'https://example.com/frame')).toBe(false); // a frame inside our page
    expect(ask(theirs, 'media', 'https://example.com/')).toBe(false);
    expect(ask(null, 'media', PAGE)).toBe(false);
    for (const p of ['geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem']) {
      expect(ask(ours, p, PAGE), p).toBe(false);
    }
    expect(warnings.filter((w) => w === 'denied a permission request').length).toBeGreaterThanOrEqual(8);
    expect(ses.checkHandler!(ours, 'media')).toBe(true);
    expect(ses.checkHandler!(ours, 'geolocation')).toBe(false);
    expect(ses.checkHandler!(theirs, 'media')).toBe(false);
    expect(ses.checkHandler!(null, 'media')).toBe(false);
  });

  it("tells what a granted camera/microphone request asked for (so the system's own refusal can be named), and nothing for a denied one", () => {
    const granted: string[][] = [];
    const own = new FakeSession();
    installGuards(own as never, INDEX, { log: () => {} }, () => false, (types) => granted.push([...types]));
    const ours = new FakeWebContents(PAGE);
    own.requestHandler!(ours, 'media', () => {}, { requestingUrl: PAGE, mediaTypes: ['video', 'audio'] } as never);
    own.requestHandler!(new FakeWebContents('https://example.com/'), 'media', () => {}, { requestingUrl: 'https://example.com/', mediaTypes: ['video'] } as never);
    own.requestHandler!(ours, 'media', () => {}, { requestingUrl: PAGE });
    expect(granted).toEqual([['video', 'audio'], []]);
  });
});
