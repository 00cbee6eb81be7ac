/**
 * Server mode's browser-source host on the real Chromium: a page's pictures arrive as PNG frames of
 * the asked size with the page's colours (and its transparency), custom CSS applies, and a request
 * from a loopback page to the studio's origin is refused before it leaves (the stand-in server never
 * sees it, and the page paints the failure it saw). Pages start again in a new browser when theirs dies
 * or stops answering, and a page whose server never answers still closes.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserFrame, BrowserPageSpec, BrowserSourceBackend } from '../../src/engine/browser/backend';
import { createChromiumBrowserHost } from '../../src/server/browser-host';
import { findChromium } from '../../src/server/headless';
import { decodePngDataUrl } from '../harness/png';

/** Polls until `ok` holds: a positive signal, never a fixed wait. A failure names the step and what was seen. */
async function until(what: string, ok: () => boolean, seen: () => unknown, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms (seen: ${JSON.stringify(seen())})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `step`, or an error naming it when it has not ended in `ms`: a hang says where it is. */
async function within<T>(what: string, step: Promise<T>, ms = 60_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not end within ${ms} ms`)), ms)));
  try {
    return await Promise.race([step, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The pages' browser: this process's child whose profile folder is broadcast-studio-pages-*. Only
 * one may live (a test before's must be gone): pids wrap at 32768 here, so "the newest" is no rule.
 */
function pagesBrowserPid(): number {
  const pids = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return state !== 'Z' && Number(ppid) === process.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('broadcast-studio-pages-');
      } catch {
        return false;
      }
    });
  expect(pids, 'browsers for pages running now').toHaveLength(1);
  return pids[0]!;
}

describe('createChromiumBrowserHost on the real Chromium', () => {
  const chromium = findChromium();
  let studio: Server;
  let studioHits = 0;
  let studioOrigin = '';
  /** Serves the page from loopback too: a page from a public or opaque origin would meet Chromium's own local-network block first. */
  let site: Server;
  let siteOrigin = '';
  let html = '';

  beforeAll(async () => {
    // Stands for the studio's server: it must never see a request from a page.
    studio = createServer((_req, res) => {
      studioHits++;
      res.end('studio');
    });
    await new Promise<void>((r) => studio.listen(0, '127.0.0.1', r));
    studioOrigin = `http://127.0.0.1:${(studio.address() as AddressInfo).port}`;
    site = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    siteOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => studio.close(() => r()));
    await new Promise<void>((r) => site.close(() => r()));
  });

  it('shows a page in frames of its size, with its colours, CSS and transparency, and refuses the studio', async () => {
    if (!chromium.ok) throw new Error(chromium.error.message);
    const logged: string[] = [];
    const host = createChromiumBrowserHost({
      executable: chromium.value,
      logger: { log: (_l, m, f) => logged.push(`${m} ${JSON.stringify(f ?? {})}`) },
      blockedOrigins: () => [studioOrigin],
    });
    html = `<!doctype html><html><body style="margin:0">
      <div style="position:absolute;left:0;top:0;width:160px;height:100px;background:rgb(255,0,0)"></div>
      <div id="b" style="position:absolute;left:160px;top:0;width:160px;height:100px;background:rgb(0,0,255)"></div>
      <script>
        fetch('${studioOrigin}/media', { mode: 'no-cors' }).then(() => document.title = 'reached', () => { document.getElementById('b').style.background = 'rgb(0,255,0)'; });
      </script></body></html>`;
    const spec: BrowserPageSpec = {
      url: `${siteOrigin}/page`,
      localFile: null,
      width: 320,
      height: 200,
      // The custom CSS paints the lower half: it must apply to the page.
      css: 'body { background: rgba(0,0,0,0); } html::after { content: ""; position: absolute; left: 0; top: 100px; width: 160px; height: 100px; background: rgb(255,255,0); }',
      fps: 30,
    };
    const frames: BrowserFrame[] = [];
    const problems: (string | null)[] = [];
    let resolveGreen: (f: BrowserFrame) => void = () => {};
    const green = new Promise<BrowserFrame>((r) => (resolveGreen = r));
    const page = host.open('test-input', spec, {
      frame: (f) => {
        frames.push(f);
        void decodePngDataUrl(`data:${f.mime};base64,${f.data}`).then((p) => {
          const [r, g, b] = p.at(240, 50);
          if (g > 200 && r < 50 && b < 50) resolveGreen(f);
        });
      },
      problem: (p) => problems.push(p),
    });
    try {
      // The page's fetch of the studio failed, and it painted that fact: the blue box turned green.
      const frame = await green;
      expect(studioHits).toBe(0);
      expect([frame.width, frame.height]).toEqual([320, 200]);
      const pic = await decodePngDataUrl(`data:${frame.mime};base64,${frame.data}`);
      expect(pic.at(80, 50).slice(0, 3)).toEqual([255, 0, 0]);
      expect(pic.at(80, 150).slice(0, 3)).toEqual([255, 255, 0]);
      // Nothing painted there: transparent, as OBS's browser source.
      expect(pic.at(240, 150)[3]).toBe(0);
      expect(problems.filter(Boolean)).toEqual([]);
      expect(logged.some((l) => l.includes('request refused') && l.includes(studioOrigin))).toBe(true);
    } finally {
      await within('page.close()', page.close());
      await within('host.dispose()', host.dispose());
    }
  });

  /**
   * Opens a green page on `host`, harms its browser once a frame came, and waits for the page to
   * say its browser stopped and for a frame from a new one: nobody touches the page meanwhile.
   */
  async function comesBack(host: BrowserSourceBackend, harm: (browserPid: number) => void, after: () => void = () => {}): Promise<void> {
    html = '<!doctype html><body style="margin:0;background:#0f0"></body>';
    let frames = 0;
    const problems: (string | null)[] = [];
    const seen = () => ({ frames, problems });
    const page = host.open('page', { url: `${siteOrigin}/page`, localFile: null, width: 64, height: 64, css: '', fps: 30 }, { frame: () => frames++, problem: (p) => problems.push(p) });
    try {
      await until('a first frame', () => frames > 0, seen);
      harm(pagesBrowserPid());
      await until('the page saying its browser stopped', () => problems.some((p) => p?.includes('stopped; starting it again')), seen);
      const before = frames;
      await until('a frame from the new browser', () => frames > before, seen);
    } finally {
      after();
      await within('page.close()', page.close());
      await within('host.dispose()', host.dispose());
    }
  }

  // Each: two browser starts and two first frames on a loaded 2-core box.
  it('starts its pages again, by itself, when the browser running them dies', async () => {
    if (!chromium.ok) throw new Error(chromium.error.message);
    const host = createChromiumBrowserHost({ executable: chromium.value, logger: { log: () => {} }, blockedOrigins: () => [studioOrigin] });
    await comesBack(host, (pid) => process.kill(pid, 'SIGKILL'));
  }, 300_000);

  it('ends a browser that stops answering, and its pages start again in a new one', async () => {
    if (!chromium.ok) throw new Error(chromium.error.message);
    const logged: string[] = [];
    const host = createChromiumBrowserHost({
      executable: chromium.value,
      logger: { log: (_l, m) => logged.push(m) },
      blockedOrigins: () => [studioOrigin],
      // Long enough for a loaded machine to make a page; short enough for the test.
      callTimeoutMs: 20_000,
      heartbeatMs: 500,
    });
    let stopped = 0;
    // Alive but silent: no exit to notice, only the unanswered heartbeat.
    const harm = (pid: number) => process.kill((stopped = pid), 'SIGSTOP');
    const wake = () => {
      try {
        if (stopped) process.kill(stopped, 'SIGCONT');
      } catch {
        // Ended, as it should be.
      }
    };
    await comesBack(host, harm, wake);
    expect(logged).toContain('browser sources: Chromium stopped answering; ending it to start again');
  }, 300_000);

  it('closes at once a page whose server has not answered yet', async () => {
    if (!chromium.ok) throw new Error(chromium.error.message);
    // A server that takes the request and never answers: the page's navigation stays open.
    const held: ServerResponse[] = [];
    const slow = createServer((_req, res) => held.push(res));
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    const host = createChromiumBrowserHost({ executable: chromium.value, logger: { log: () => {} }, blockedOrigins: () => [studioOrigin] });
    const problems: (string | null)[] = [];
    const page = host.open(
      'slow',
      { url: `http://127.0.0.1:${(slow.address() as AddressInfo).port}/never`, localFile: null, width: 64, height: 64, css: '', fps: 30 },
      { frame: () => {}, problem: (p) => problems.push(p) },
    );
    try {
      await until('the slow server holding the page\'s request', () => held.length > 0, () => ({ problems }));
    } finally {
      // Well inside the 60 s a DevTools call may wait: a close that waited for the navigation fails here.
      await within('page.close()', page.close(), 30_000);
      await within('host.dispose()', host.dispose());
      for (const res of held) res.destroy();
      await new Promise<void>((r) => slow.close(() => r()));
    }
    expect(problems.filter(Boolean)).toEqual([]);
  }, 300_000);
});
