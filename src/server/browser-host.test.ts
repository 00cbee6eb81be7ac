/** Server mode's browser-source host: the request policy case by case, and its small helpers (test/integration/browser-host.test.ts runs it on the real Chromium). */
import { describe, expect, it } from 'vitest';
import { cssScript, pngSize, requestVerdict } from './browser-host';

describe('requestVerdict', () => {
  const studio = ['http://127.0.0.1:5000/', 'ws://127.0.0.1:4455'];
  it('lets ordinary pages, data: and blob: through', () => {
    expect(requestVerdict('https://example.com/a.js', null, studio)).toBeNull();
    expect(requestVerdict('http://127.0.0.1:8080/overlay', null, studio)).toBeNull();
    expect(requestVerdict('data:text/html,hi', null, studio)).toBeNull();
    expect(requestVerdict('about:blank', null, studio)).toBeNull();
  });
  it("refuses the studio's own server and obs-websocket under any loopback name", () => {
    for (const url of ['http://127.0.0.1:5000/media?path=/etc/passwd', 'ws://localhost:5000/studio', 'http://127.0.0.2:4455/', 'http://[::1]:5000/session']) {
      expect(requestVerdict(url, null, studio), url).toMatch(/studio's own server/);
    }
  });
  it('opens file: only within the local file’s folder, and only for a local-file source', () => {
    expect(requestVerdict('file:///srv/show/index.html', null, studio)).toMatch(/only open to a local-file/);
    expect(requestVerdict('file:///srv/show/index.html', '/srv/show/index.html', studio)).toBeNull();
    expect(requestVerdict('file:///srv/show/img/a.png', '/srv/show/index.html', studio)).toBeNull();
    expect(requestVerdict('file:///etc/passwd', '/srv/show/index.html', studio)).toMatch(/outside/);
    expect(requestVerdict('file:///srv/show/../secret.txt', '/srv/show/index.html', studio)).toMatch(/outside/);
  });
  it('refuses other schemes', () => {
    expect(requestVerdict('ftp://example.com/x', null, studio)).toMatch(/ftp: scheme/);
    expect(requestVerdict('chrome://settings', null, studio)).toMatch(/chrome: scheme/);
  });
});

describe('helpers', () => {
  it('reads a PNG size and builds a CSS script that is valid JavaScript', () => {
    const png = Buffer.alloc(24);
    png.writeUInt32BE(0x89504e47, 0);
    png.writeUInt32BE(320, 16);
    png.writeUInt32BE(200, 20);
    expect(pngSize(png.toString('base64'))).toEqual({ width: 320, height: 200 });
    expect(pngSize(Buffer.from('not a png at all, really not').toString('base64'))).toBeNull();
    expect(() => new Function(cssScript('body { color: "red" } </script>'))).not.toThrow();
  });
});
