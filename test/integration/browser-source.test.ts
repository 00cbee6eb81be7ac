/**
 * browser_source through the real path: server mode with its headless compositor, pages in their own
 * Chromium, driven by obs-websocket-js. A page's colours appear on program (GetSourceScreenshot,
 * decoded by FFmpeg), from a URL and from a local file. A hostile page on 127.0.0.1 (cookies are
 * per host, not per port: in a shared browser it would see the studio's cookie) tries the studio's
 * /media and /session, opens its /studio socket and reads document.cookie; it reports each outcome to
 * a loopback endpoint this test owns and paints its verdict on program. Another page navigates to the
 * studio's address; the studio's log names that refused request, and the studio keeps compositing.
 * Bad settings are refused with the field and what to change; PressInputPropertiesButton
 * refreshnocache reloads a page. Needs `npx electron-vite build` first.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OBSWebSocket from 'obs-websocket-js';
import { decodePngDataUrl, near, type Picture, type Rgba } from '../harness/png';
import { startStudioServer, type StudioServer } from '../harness/studio-server';
import { connectStudio } from '../harness/studio-client';

const SCENE = 'Web';
const RED: Rgba = [255, 0, 0, 255];
const BLUE: Rgba = [0, 0, 255, 255];
const GREEN: Rgba = [0, 255, 0, 255];
const YELLOW: Rgba = [255, 255, 0, 255];

let server: StudioServer;
let obs: OBSWebSocket;
let W = 0;
let H = 0;
/** The test's own loopback site: serves the pages and takes their reports. Not the studio, so allowed. */
let site: Server;
let siteUrl = '';
const received: Record<string, unknown>[] = [];
const hits = new Map<string, number>();
const pages = new Map<string, () => string>();

beforeAll(async () => {
  site = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'POST' && url.pathname === '/report') {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        try {
          received.push(JSON.parse(body) as Record<string, unknown>);
        } catch {
          received.push({ unparsed: body });
        }
        res.writeHead(204).end();
      });
      return;
    }
    hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
    const page = pages.get(url.pathname);
    if (!page) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' }).end(page());
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;

  // The compositor gets fake devices and auto-granted prompts (as other suites give it); the pages must not.
  server = await startStudioServer({ headless: true, env: { STUDIO_CHROMIUM_ARGS: '--use-fake-device-for-media-stream --use-fake-ui-for-media-stream' } });
  const studio = await connectStudio(server);
  const info = await studio.must('remote.info', {});
  studio.close();
  obs = new OBSWebSocket();
  await obs.connect(info.url!, info.password!);
  const video = await obs.call('GetVideoSettings');
  W = video.baseWidth;
  H = video.baseHeight;
  await obs.call('CallVendorRequest', { vendorName: 'broadcast-studio', requestType: 'SetWatermark', requestData: { enabled: false } });
  await obs.call('CreateScene', { sceneName: SCENE });
  await obs.call('SetCurrentProgramScene', { sceneName: SCENE });
}, 120_000);

afterAll(async () => {
  await obs?.disconnect();
  await server?.stop();
  await new Promise<void>((r) => (site ? site.close(() => r()) : r()));
});

async function program(): Promise<Picture> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const { imageData } = await obs.call('GetSourceScreenshot', { sourceName: SCENE, imageFormat: 'png' });
      return await decodePngDataUrl(imageData);
    } catch (error) {
      if ((error as { code?: number }).code !== 207 || Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

const left = (p: Picture): Rgba => p.at(Math.floor(W / 4), Math.floor(H / 2));
const right = (p: Picture): Rgba => p.at(Math.floor((3 * W) / 4), Math.floor(H / 2));

/** Polls program until `check` holds: a positive signal, never a fixed wait. */
async function until(what: string, check: (p: Picture) => boolean, timeoutMs = 90_000): Promise<Picture> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const p = await program();
    if (check(p)) return p;
    if (Date.now() > deadline) {
      throw new Error(`${what} within ${timeoutMs} ms (program shows ${left(p)} / ${right(p)}):\n${server.output().slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function poll<T>(what: string, get: () => T | undefined, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms; reports: ${JSON.stringify(received)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const dataUrl = (html: string): string => `data:text/html;base64,${Buffer.from(html).toString('base64')}`;
const halves = (a: string, b: string): string => `<!doctype html><body style="margin:0">
  <div style="position:fixed;left:0;top:0;width:50vw;height:100vh;background:${a}"></div>
  <div style="position:fixed;left:50vw;top:0;width:50vw;height:100vh;background:${b}"></div></body>`;

async function only(inputName: string): Promise<void> {
  const { sceneItems } = await obs.call('GetSceneItemList', { sceneName: SCENE });
  for (const item of sceneItems) {
    await obs.call('SetSceneItemEnabled', { sceneName: SCENE, sceneItemId: item['sceneItemId'] as number, sceneItemEnabled: item['sourceName'] === inputName });
  }
}

describe('browser_source on program', () => {
  it("shows a page's colours over the whole source, and refreshnocache reloads it", async () => {
    await obs.call('CreateInput', { sceneName: SCENE, inputName: 'Page', inputKind: 'browser_source', inputSettings: { url: dataUrl(halves('#f00', '#00f')), width: W, height: H } });
    const shown = await until('the page reached program', (p) => near(left(p), RED, 12) && near(right(p), BLUE, 12));
    // The edges too: the page fills exactly the source's width × height.
    expect(near(shown.at(2, 2), RED, 12)).toBe(true);
    expect(near(shown.at(W - 3, H - 3), BLUE, 12)).toBe(true);

    // A page served by the test's site that is red on its first load and green on any later one.
    pages.set('/counter', () => ((hits.get('/counter') ?? 0) >= 2 ? halves('#0f0', '#0f0') : halves('#f00', '#f00')));
    await obs.call('SetInputSettings', { inputName: 'Page', inputSettings: { url: `${siteUrl}/counter` } });
    await until('the counter page showed its first load', (p) => near(left(p), RED, 12) && near(right(p), RED, 12));
    await obs.call('PressInputPropertiesButton', { inputName: 'Page', propertyName: 'refreshnocache' });
    await until('the page reloaded', (p) => near(left(p), GREEN, 12));
    expect(hits.get('/counter')).toBe(2);
    await expect(obs.call('PressInputPropertiesButton', { inputName: 'Page', propertyName: 'nope' })).rejects.toMatchObject({ code: 600, message: expect.stringMatching(/no button called "nope"/) });
  });

  it('shows a local file, which may load its own folder but not other files', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'browser-local-'));
    writeFileSync(path.join(dir, 'style.css'), '#b { background: #ff0 !important; }');
    writeFileSync(
      path.join(dir, 'index.html'),
      `<!doctype html><head><link rel="stylesheet" href="style.css"></head><body style="margin:0">
       <div style="position:fixed;left:0;top:0;width:50vw;height:100vh;background:#00f"></div>
       <div id="b" style="position:fixed;left:50vw;top:0;width:50vw;height:100vh;background:#f00"></div>
       <script>
         fetch('file:///etc/hostname').then(() => 'read', (e) => 'failed: ' + e.name).then((outcome) =>
           fetch('${siteUrl}/report', { method: 'POST', mode: 'no-cors', body: JSON.stringify({ kind: 'local', outcome }) }));
       </script></body>`,
    );
    await obs.call('CreateInput', { sceneName: SCENE, inputName: 'Local', inputKind: 'browser_source', inputSettings: { is_local_file: true, local_file: path.join(dir, 'index.html'), width: W, height: H } });
    await only('Local');
    // Blue from the page, yellow from its own stylesheet beside it.
    await until('the local page reached program', (p) => near(left(p), BLUE, 12) && near(right(p), YELLOW, 12));
    const local = await poll('the local page reported', () => received.find((r) => r['kind'] === 'local'));
    expect(local['outcome']).toBe('failed: TypeError');
  });
});

describe('browser_source isolation', () => {
  it("cannot reach the studio's socket, /media, /session, its cookie or a camera, and says so on program", async () => {
    const studio = server.url.replace(/\/$/, '');
    pages.set('/hostile', () => `<!doctype html><body style="margin:0"><div id="v" style="position:fixed;inset:0;background:#00f"></div><script>
      (async () => {
        const out = { kind: 'hostile', cookie: document.cookie };
        // no-cors: a request that left the browser resolves (opaquely); only a refused one throws.
        const attempt = async (name, url) => {
          try { await fetch(url, { mode: 'no-cors', credentials: 'include' }); out[name] = 'reached'; }
          catch (e) { out[name] = 'failed: ' + e.name; }
        };
        await attempt('media', '${studio}/media?path=' + encodeURIComponent('/etc/hostname'));
        await attempt('session', '${studio}/session');
        await attempt('localhostAlias', '${studio.replace('127.0.0.1', 'localhost')}/healthz');
        try { await navigator.mediaDevices.getUserMedia({ video: true, audio: true }); out.camera = 'granted'; }
        catch (e) { out.camera = 'failed: ' + e.name; }
        out.socket = await new Promise((resolve) => {
          const ws = new WebSocket('${studio.replace('http', 'ws')}/studio');
          ws.onopen = () => resolve('opened');
          ws.onclose = (e) => resolve('closed ' + e.code);
        });
        const safe = out.media.startsWith('failed') && out.session.startsWith('failed') && out.localhostAlias.startsWith('failed')
          && out.socket !== 'opened' && !/studio-/.test(out.cookie) && out.camera.startsWith('failed');
        document.getElementById('v').style.background = safe ? '#0f0' : '#f00';
        await fetch('${siteUrl}/report', { method: 'POST', mode: 'no-cors', body: JSON.stringify(out) });
      })();
    </script></body>`);
    await obs.call('CreateInput', { sceneName: SCENE, inputName: 'Hostile', inputKind: 'browser_source', inputSettings: { url: `${siteUrl}/hostile`, width: W, height: H } });
    await only('Hostile');
    const out = await poll('the hostile page reported', () => received.find((r) => r['kind'] === 'hostile'));
    expect(out).toMatchObject({ media: 'failed: TypeError', session: 'failed: TypeError', localhostAlias: 'failed: TypeError' });
    // The socket is not intercepted by the page's browser; the studio's server refuses it (no cookie, foreign origin).
    expect(out['socket']).toMatch(/^closed /);
    expect(out['cookie']).not.toMatch(/studio-/);
    // No camera or microphone for a page, whatever flags the compositor was given.
    expect(out['camera']).toMatch(/^failed: /);
    // The studio's server would refuse them too (no cookie, CORP), but they never left: the pages'
    // browser stopped each request to the studio's origins and the studio's log says which.
    const log = path.join(server.dataDir, 'logs', 'studio.log');
    for (const what of ['/media?path=', '/session', `localhost:${server.port}/healthz`]) {
      await poll(`the refused ${what} in the studio's log`, () =>
        readFileSync(log, 'utf8')
          .split('\n')
          .find((l) => l.includes('browser source request refused') && l.includes(what)),
      );
    }
    await until('the hostile page painted its verdict (green: every attempt failed)', (p) => near(left(p), GREEN, 12));
  });

  it("a page that navigates to the studio's address is stopped there, and the studio keeps compositing", async () => {
    pages.set('/navigator', () => `<!doctype html><body><script>
      fetch('${siteUrl}/report', { method: 'POST', mode: 'no-cors', body: JSON.stringify({ kind: 'navigating' }) })
        .then(() => { location.href = '${server.url}?from=navigator'; });
    </script></body>`);
    await obs.call('CreateInput', { sceneName: SCENE, inputName: 'Navigator', inputKind: 'browser_source', inputSettings: { url: `${siteUrl}/navigator`, width: 320, height: 240 }, sceneItemEnabled: false });
    await poll('the navigator page ran', () => received.find((r) => r['kind'] === 'navigating'));
    const log = path.join(server.dataDir, 'logs', 'studio.log');
    const refused = await poll('the studio logged the refused navigation', () =>
      readFileSync(log, 'utf8')
        .split('\n')
        .find((l) => l.includes('browser source request refused') && l.includes('from=navigator')),
    );
    expect(refused).toContain("the studio's own server is off limits");
    // Program is still composited by the studio's own page, showing the hostile page's verdict.
    const p = await program();
    expect(near(left(p), GREEN, 12)).toBe(true);
    const { inputs } = await obs.call('GetInputList', { inputKind: 'browser_source' });
    expect(inputs.map((i) => i['inputName'])).toEqual(expect.arrayContaining(['Page', 'Local', 'Hostile', 'Navigator']));
  });
});

describe('browser_source settings', () => {
  it('refuses a zero size, file:// and javascript: URLs and other schemes with what to change', async () => {
    const create = (inputName: string, inputSettings: Record<string, unknown>) =>
      obs.call('CreateInput', { sceneName: SCENE, inputName, inputKind: 'browser_source', inputSettings: inputSettings as never });
    await expect(create('Bad1', { width: 0 })).rejects.toMatchObject({ code: 402, message: expect.stringMatching(/Width must be between 1 and 4096/) });
    await expect(create('Bad2', { url: 'file:///etc/passwd' })).rejects.toMatchObject({ code: 400, message: expect.stringMatching(/turn on "Local file"/) });
    await expect(create('Bad3', { url: 'javascript:alert(document.cookie)' })).rejects.toMatchObject({ code: 400, message: expect.stringMatching(/"javascript:" scheme/) });
    await expect(create('Bad4', { url: 'chrome://settings' })).rejects.toMatchObject({ code: 400, message: expect.stringMatching(/"chrome:" scheme/) });
    await expect(obs.call('SetInputSettings', { inputName: 'Page', inputSettings: { url: 'javascript:alert(1)' } })).rejects.toMatchObject({ code: 400 });
    const { inputSettings } = await obs.call('GetInputSettings', { inputName: 'Page' });
    expect(inputSettings['url']).toBe(`${siteUrl}/counter`);
    const { inputs } = await obs.call('GetInputList');
    expect(inputs.map((i) => i['inputName'])).not.toEqual(expect.arrayContaining(['Bad1']));
  });
});
