/** trusted(): only our page, in the main frame of our own, live window, is heard. */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { isTrustedSender } from './trust';
import { FakeBrowserWindow, FakeWebContents } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectron);

const INDEX = path.resolve('/opt/studio/out/renderer/index.html');
const PAGE = `${pathToFileURL(INDEX).href}?role=primary`;

function setup() {
  const win = new FakeBrowserWindow({});
  win.webContents.url = PAGE;
  const frame = { processId: win.webContents.mainFrame.processId, routingId: win.webContents.mainFrame.routingId, url: PAGE };
  const event = { sender: win.webContents as FakeWebContents, senderFrame: frame as typeof frame | null };
  const check = (w: FakeBrowserWindow | null = win): boolean => isTrustedSender(event as never, w as never, INDEX);
  return { win, frame, event, check };
}

describe('isTrustedSender', () => {
  it('hears our page in the main frame of our window, whatever its query', () => {
    const { frame, check } = setup();
    expect(check()).toBe(true);
    frame.url = `${pathToFileURL(INDEX).href}?role=secondary#top`;
    expect(check()).toBe(true);
  });

  it('refuses when there is no window, or it was destroyed', () => {
    const { win, check } = setup();
    expect(check(null)).toBe(false);
    win.destroyed = true;
    expect(check()).toBe(false);
  });

  it('refuses another window, a sub-frame, a frame that is gone, and any other page', () => {
    const other = setup();
    other.event.sender = new FakeWebContents(PAGE);
    expect(other.check()).toBe(false);

    const sub = setup();
    sub.frame.routingId = 99;
    expect(sub.check()).toBe(false);
    const otherProcess = setup();
    otherProcess.frame.processId = 8;
    expect(otherProcess.check()).toBe(false);

    const gone = setup();
    gone.event.senderFrame = null;
    expect(gone.check()).toBe(false);

    for (const url of ['https://example.com/', pathToFileURL('/etc/passwd').href, pathToFileURL(path.resolve('/opt/studio/out/renderer/x.html')).href, 'about:blank', 'data:text/html,hi', 'not a url']) {
      const s = setup();
      s.frame.url = url;
      expect(s.check(), url).toBe(false);
    }
  });
});
