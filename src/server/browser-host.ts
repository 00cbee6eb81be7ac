/**
 * Server mode's browser sources: the pages run in a headless Chromium of their own, never in the
 * compositing one. Isolation, layer by layer:
 * - its own process and temporary profile (--user-data-dir): none of the studio's cookies, storage
 *   or access ticket exist there, so the studio's server refuses its /studio socket and /media;
 * - one browser context per source (Target.createBrowserContext): sources share nothing either;
 * - driven over --remote-debugging-pipe: no debugging port anyone could connect to;
 * - every request goes through Fetch.requestPaused: the studio's own origins (HTTP server,
 *   obs-websocket) are refused before they leave, and file: only reaches the local file's folder;
 * - it is a separate top-level page, so nothing it does can navigate the studio's page.
 * Pictures come from Page.startScreencast (PNG, keeps transparency; sent only when the page
 * paints), paced to the source's fps by when each frame is acknowledged. Sound (reroute_audio) comes
 * from a capture script in the page through one CDP binding, checked chunk by chunk (./page-audio.ts).
 * A browser that dies, or stops answering (no call waits forever; a heartbeat asks while it runs),
 * is ended and every page starts again in a new one, after a backoff.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../engine/api';
import type { BrowserPage, BrowserPageListener, BrowserPageSpec, BrowserSourceBackend } from '../engine/browser/backend';
import { CDP_CALL_TIMEOUT_MS, CdpPipe, CdpTimeout } from './cdp-pipe';
import { removeChromiumProfile } from './chromium-profile';
import { AUDIO_BINDING, AudioChunkGate, pageAudioScript, splitChunk } from './page-audio';

export interface ChromiumBrowserHostOptions {
  executable: string;
  logger: Logger;
  /** Origins the pages must never reach (the studio's HTTP server and obs-websocket), read at each request. */
  blockedOrigins: () => readonly string[];
  /** Extra Chromium flags (STUDIO_CHROMIUM_ARGS). */
  extraArgs?: readonly string[];
  /** How long a DevTools call may go unanswered before the browser counts as wedged (tests shorten it). */
  callTimeoutMs?: number;
  /** How often the browser is asked whether it still answers, while it runs (tests shorten it). */
  heartbeatMs?: number;
}

/** Whether a page may load `url`; the reason when not. Pure, for tests. */
export function requestVerdict(url: string, localFile: string | null, blockedOrigins: readonly string[]): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'not a valid address';
  }
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.href === 'about:blank') return null;
  if (u.protocol === 'file:') {
    if (!localFile) return 'file: addresses are only open to a local-file browser source';
    let wanted: string;
    try {
      wanted = path.resolve(fileURLToPath(u));
    } catch {
      return 'not a valid file address';
    }
    const folder = path.dirname(path.resolve(localFile));
    return wanted === path.resolve(localFile) || wanted.startsWith(folder + path.sep) ? null : "outside the local file's folder";
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:' && u.protocol !== 'ws:' && u.protocol !== 'wss:') return `the ${u.protocol} scheme is not allowed`;
  const host = u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const loopback = host === 'localhost' || host.endsWith('.localhost') || host === '::1' || host.startsWith('127.') || host === '0.0.0.0';
  const port = u.port || (u.protocol === 'https:' || u.protocol === 'wss:' ? '443' : '80');
  for (const origin of blockedOrigins) {
    let b: URL;
    try {
      b = new URL(origin);
    } catch {
      continue;
    }
    const bPort = b.port || (b.protocol === 'https:' || b.protocol === 'wss:' ? '443' : '80');
    const bHost = b.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    const bLoopback = bHost === 'localhost' || bHost === '::1' || bHost.startsWith('127.') || bHost === '0.0.0.0';
    if (bPort === port && (bHost === host || (bLoopback && loopback))) return "the studio's own server is off limits to browser sources";
  }
  return null;
}

/** The script that adds the source's custom CSS to each document it loads (OBS's `css`). */
export function cssScript(css: string): string {
  return `(() => { const css = ${JSON.stringify(css)}; if (!css) return; const add = () => { const s = document.createElement('style'); s.textContent = css; (document.head || document.documentElement).appendChild(s); }; if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', add, { once: true }); else add(); })();`;
}

/** Width and height from a base64 PNG's IHDR (the first 24 bytes), or null. */
export function pngSize(base64: string): { width: number; height: number } | null {
  const head = Buffer.from(base64.slice(0, 44), 'base64');
  if (head.length < 24 || head.readUInt32BE(0) !== 0x89504e47) return null;
  return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
}

interface Browser {
  child: ChildProcess;
  cdp: CdpPipe;
  profile: string;
  /** Settles with the browser's first answer (rejects if it dies or never answers). */
  ready: Promise<void>;
}

export function createChromiumBrowserHost(opts: ChromiumBrowserHostOptions): BrowserSourceBackend {
  let browser: Browser | null = null;
  let disposed = false;
  const pages = new Set<ChromiumPage>();
  const posix = process.platform !== 'win32';

  const launch = (): Browser => {
    if (browser && browser.child.exitCode === null && browser.child.signalCode === null) return browser;
    const profile = mkdtempSync(path.join(os.tmpdir(), 'broadcast-studio-pages-'));
    const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    const args = [
      '--headless=new',
      '--remote-debugging-pipe',
      ...(asRoot ? ['--no-sandbox'] : []),
      `--user-data-dir=${profile}`,
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-extensions',
      '--hide-scrollbars',
      // The pages' sound reaches the program through their capture script, never the server's speakers.
      '--mute-audio',
      '--autoplay-policy=no-user-gesture-required',
      // A local page's own media (a clip beside it) is same-origin to it, so the capture script can
      // take its sound (cross-origin media plays silence into Web Audio), as OBS's local pages can.
      // Every request still passes requestVerdict: a local page reaches its own folder and no further.
      '--allow-file-access-from-files',
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
      '--disable-backgrounding-occluded-windows',
      '--enable-unsafe-swiftshader',
      ...(opts.extraArgs ?? []),
      'about:blank',
    ];
    const child = spawn(opts.executable, args, { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'], detached: posix });
    const cdp = new CdpPipe(child.stdio[3] as Writable, child.stdio[4] as Readable, opts.callTimeoutMs ?? CDP_CALL_TIMEOUT_MS);
    // A crash ends the process and the pages start again; a browser that hangs would not end, and
    // every page would stay frozen on its last picture. Its silence ends it instead. Starting is
    // not hanging: a loaded machine may take a while, so the first answer has the start's deadline,
    // and the pages' calls and the heartbeat begin after it.
    let asking = false;
    let heartbeat: NodeJS.Timeout | undefined;
    const ready = cdp.send('Browser.getVersion', {}, undefined, Math.max(CDP_CALL_TIMEOUT_MS, opts.callTimeoutMs ?? 0)).then(() => {
      if (b.child.exitCode !== null || b.child.signalCode !== null) return;
      heartbeat = setInterval(() => {
        if (asking) return;
        asking = true;
        cdp
          .send('Browser.getVersion')
          .catch((error: unknown) => {
            if (error instanceof CdpTimeout) wedged(b, error);
          })
          .finally(() => (asking = false));
      }, opts.heartbeatMs ?? 15_000);
    });
    ready.catch((error: unknown) => {
      if (error instanceof CdpTimeout) wedged(b, error);
    });
    const b: Browser = { child, cdp, profile, ready };
    child.once('error', (e) => {
      // 'exit' may never follow a failed start.
      clearInterval(heartbeat);
      cdp.fail(new Error(`Chromium for browser sources could not start (${opts.executable}): ${e.message}`));
      if (browser === b) browser = null;
    });
    child.once('exit', (code, signal) => {
      clearInterval(heartbeat);
      cdp.fail(new Error(`the browser running web pages stopped (${signal ?? `exit code ${code ?? '?'}`})`));
      if (browser === b) browser = null;
      // Its helpers (zygote, GPU, renderers) share its process group and may outlive it.
      if (posix && child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // None left.
        }
      }
      if (!disposed) {
        opts.logger.log('warn', 'browser sources: Chromium exited', { code, signal });
        for (const p of pages) p.browserGone();
      }
      try {
        removeChromiumProfile(profile);
      } catch (error) {
        opts.logger.log('warn', 'browser sources: could not remove the temporary profile', { profile, error: String(error) });
      }
    });
    opts.logger.log('info', 'browser sources: Chromium started', { pid: child.pid });
    browser = b;
    return b;
  };

  /** The browser stopped answering: end it, so its exit starts every page again in a new one. */
  const ending = new WeakSet<Browser>();
  const wedged = (b: Browser, why: CdpTimeout): void => {
    // Its pages and its heartbeat may all find it silent: it is ended once.
    if (disposed || ending.has(b) || b.child.exitCode !== null || b.child.signalCode !== null) return;
    ending.add(b);
    opts.logger.log('warn', 'browser sources: Chromium stopped answering; ending it to start again', { pid: b.child.pid, why: why.message });
    try {
      if (posix && b.child.pid !== undefined) process.kill(-b.child.pid, 'SIGKILL');
      else b.child.kill('SIGKILL');
    } catch {
      // Gone already.
    }
  };

  const kill = async (b: Browser): Promise<void> => {
    if (b.child.exitCode !== null || b.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => b.child.once('exit', () => resolve()));
    const signal = (s: NodeJS.Signals): void => {
      try {
        if (posix && b.child.pid !== undefined) process.kill(-b.child.pid, s);
        else b.child.kill(s);
      } catch {
        // Gone already.
      }
    };
    signal('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise<void>((r) => (timer = setTimeout(r, 3000)))]);
    clearTimeout(timer);
    signal('SIGKILL');
    await exited;
  };

  return {
    open(id, spec, listener) {
      const page = new ChromiumPage(id, spec, listener, opts, { launch, wedged, forget: () => pages.delete(page) });
      pages.add(page);
      void page.start();
      return page;
    },
    async dispose() {
      disposed = true;
      await Promise.all([...pages].map((p) => p.close()));
      if (browser) await kill(browser);
      browser = null;
    },
  };
}

/** What a page needs from its host. */
interface PageHost {
  /** The running browser, started if none runs. */
  launch(): Browser;
  /** That browser stopped answering. */
  wedged(browser: Browser, why: CdpTimeout): void;
  /** The page closed: the host no longer holds it. */
  forget(): void;
}

class ChromiumPage implements BrowserPage {
  private browser: Browser | null = null;
  private cdp: CdpPipe | null = null;
  private contextId: string | null = null;
  private sessionId: string | null = null;
  private cssId: string | null = null;
  private audioId: string | null = null;
  private gate: AudioChunkGate | null = null;
  private closed = false;
  private lastFrameAt = 0;
  private ackTimer: NodeJS.Timeout | undefined;
  private readonly offs: (() => void)[] = [];
  private starting: Promise<void> | null = null;
  /** Counts starts: a start whose number is no longer current (closed, or begun again) stops where it is. */
  private attempt = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  /** Restarts since the last frame: the backoff before the next one. */
  private restarts = 0;

  constructor(
    private readonly id: string,
    private spec: BrowserPageSpec,
    private readonly listener: BrowserPageListener,
    private readonly opts: ChromiumBrowserHostOptions,
    private readonly host: PageHost,
  ) {}

  start(): Promise<void> {
    if (this.starting) return this.starting;
    const attempt = ++this.attempt;
    this.starting = this.run(attempt).catch((error: unknown) => this.startFailed(attempt, error));
    return this.starting;
  }

  update(spec: BrowserPageSpec): void {
    const old = this.spec;
    this.spec = spec;
    if (!this.sessionId) return;
    void (async () => {
      if (old.width !== spec.width || old.height !== spec.height) {
        await this.send('Emulation.setDeviceMetricsOverride', { width: spec.width, height: spec.height, deviceScaleFactor: 1, mobile: false });
        await this.send('Page.stopScreencast');
        await this.startScreencast();
      }
      if (old.css !== spec.css || !!old.audio !== !!spec.audio) {
        if (old.css !== spec.css) await this.setCss();
        // The capture script runs at document start: turning it on or off takes a new document.
        if (!!old.audio !== !!spec.audio) await this.setAudio();
        if (old.url === spec.url) await this.send('Page.reload', { ignoreCache: false });
      }
      if (old.url !== spec.url) await this.navigate();
    })().catch((e: unknown) => this.report(e));
  }

  reload(): void {
    if (!this.sessionId) return;
    this.send('Page.reload', { ignoreCache: true }).catch((e: unknown) => this.report(e));
  }

  /**
   * Ends the page: its browser context goes, and with it the page. It never waits for a start still
   * under way: that start may be holding a navigation to a server that never answers.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.attempt++;
    clearTimeout(this.restartTimer);
    this.host.forget();
    await this.drop();
  }

  /** The pages' browser died: say so, and start this page again in a new one. */
  browserGone(): void {
    this.restartLater('the browser running web pages stopped');
  }

  /** A start that failed, unless it was overtaken: a wedged browser is ended (its exit restarts every page); otherwise this page tries again. */
  private startFailed(attempt: number, error: unknown): void {
    if (attempt !== this.attempt || this.closed) return;
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof CdpTimeout && this.browser) {
      this.listener.problem(`the page could not be started: ${message}`);
      this.host.wedged(this.browser, error);
      return;
    }
    this.restartLater(`the page could not be started (${message})`);
  }

  /** Drops this page's session and context, says why, and starts it again after a backoff (1 s … 30 s). */
  private restartLater(why: string): void {
    this.attempt++;
    void this.drop();
    if (this.closed) return;
    const delay = Math.min(30_000, 1000 * 2 ** this.restarts++);
    this.listener.problem(`${why}; starting it again in ${Math.round(delay / 1000)} s`);
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      this.starting = null;
      void this.start();
    }, delay);
  }

  /** Forgets the session and disposes of its browser context (a dead browser's fails at once). */
  private async drop(): Promise<void> {
    const { cdp, contextId } = this;
    this.browser = null;
    this.cdp = null;
    this.sessionId = null;
    this.contextId = null;
    this.cssId = null;
    this.audioId = null;
    clearTimeout(this.ackTimer);
    for (const off of this.offs.splice(0)) off();
    if (cdp && contextId) await cdp.send('Target.disposeBrowserContext', { browserContextId: contextId }).catch(() => {});
  }

  private async run(attempt: number): Promise<void> {
    const browser = this.host.launch();
    const cdp = browser.cdp;
    this.browser = browser;
    this.cdp = cdp;
    await browser.ready;
    if (attempt !== this.attempt) return;
    const { browserContextId } = (await cdp.send('Target.createBrowserContext', { disposeOnDetach: true })) as { browserContextId: string };
    if (attempt !== this.attempt) {
      // Closed or begun again while the context was being made: nobody else knows of it.
      await cdp.send('Target.disposeBrowserContext', { browserContextId }).catch(() => {});
      return;
    }
    this.contextId = browserContextId;
    const { targetId } = (await cdp.send('Target.createTarget', {
      url: 'about:blank',
      browserContextId,
      width: this.spec.width,
      height: this.spec.height,
    })) as { targetId: string };
    if (attempt !== this.attempt) return;
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    if (attempt !== this.attempt) return;
    this.sessionId = sessionId;
    const mine = (handler: (p: Record<string, unknown>) => void) => (p: Record<string, unknown>, s: string | undefined) => {
      if (s === sessionId && !this.closed) handler(p);
    };
    this.offs.push(
      cdp.on('Page.screencastFrame', mine((p) => this.onFrame(p))),
      cdp.on('Fetch.requestPaused', mine((p) => this.onRequest(p))),
      cdp.on('Inspector.targetCrashed', mine(() => this.listener.problem('the page crashed; refresh it to try again'))),
      cdp.on('Runtime.bindingCalled', mine((p) => this.onAudio(p))),
    );
    await this.send('Page.enable');
    // A page in a headless window nobody focuses is painted at a trickle; as the only tab of its
    // window, focused, it paints at its own pace (measured: about 3× the frames under load).
    await this.send('Emulation.setFocusEmulationEnabled', { enabled: true }).catch(() => {});
    await this.send('Page.bringToFront').catch(() => {});
    await this.send('Inspector.enable').catch(() => {});
    await this.send('Emulation.setDeviceMetricsOverride', { width: this.spec.width, height: this.spec.height, deviceScaleFactor: 1, mobile: false });
    // Transparent where the page paints nothing, as OBS's browser source.
    await this.send('Emulation.setDefaultBackgroundColorOverride', { color: { r: 0, g: 0, b: 0, a: 0 } });
    await this.send('Fetch.enable', { patterns: [{ urlPattern: '*', requestStage: 'Request' }] });
    await this.setCss();
    await this.setAudio();
    await this.startScreencast();
    await this.navigate();
  }

  private async setCss(): Promise<void> {
    if (this.cssId) await this.send('Page.removeScriptToEvaluateOnNewDocument', { identifier: this.cssId }).catch(() => {});
    this.cssId = null;
    if (!this.spec.css) return;
    // An isolated world: the page's own scripts never see (or can tamper with) ours; the DOM is shared.
    const { identifier } = (await this.send('Page.addScriptToEvaluateOnNewDocument', { source: cssScript(this.spec.css), worldName: 'studio-css' })) as {
      identifier: string;
    };
    this.cssId = identifier;
  }

  /**
   * reroute_audio on: the binding and the capture script (main world: it wraps the page's own audio
   * objects) for every document from the next one on; off: neither, so the page has no way out.
   */
  private async setAudio(): Promise<void> {
    if (this.audioId) await this.send('Page.removeScriptToEvaluateOnNewDocument', { identifier: this.audioId }).catch(() => {});
    this.audioId = null;
    if (!this.spec.audio) {
      this.gate = null;
      await this.send('Runtime.removeBinding', { name: AUDIO_BINDING }).catch(() => {});
      return;
    }
    this.gate ??= new AudioChunkGate({
      now: () => Date.now(),
      refused: (why) => this.opts.logger.log('warn', 'browser source audio chunk refused', { inputUuid: this.id, why }),
    });
    // Runtime.bindingCalled comes only with the Runtime domain on (measured on Chromium 156: no
    // event at all without it).
    await this.send('Runtime.enable');
    await this.send('Runtime.addBinding', { name: AUDIO_BINDING });
    const { identifier } = (await this.send('Page.addScriptToEvaluateOnNewDocument', { source: pageAudioScript() })) as { identifier: string };
    this.audioId = identifier;
  }

  /** A chunk from the capture script (or from the page pretending to be it): checked, then this source's sound. */
  private onAudio(p: Record<string, unknown>): void {
    if (p['name'] !== AUDIO_BINDING || !this.spec.audio || !this.gate) return;
    const chunk = splitChunk(p['payload'], Date.now());
    const pcm = this.gate.take(chunk.body);
    if (pcm) this.listener.audio?.(pcm, chunk.capturedAt);
  }

  private async startScreencast(): Promise<void> {
    await this.send('Page.startScreencast', { format: 'png', maxWidth: this.spec.width, maxHeight: this.spec.height, everyNthFrame: 1 });
  }

  private async navigate(): Promise<void> {
    const verdict = requestVerdict(this.spec.url, this.spec.localFile, this.opts.blockedOrigins());
    if (verdict) {
      this.listener.problem(`the page was not opened: ${verdict}`);
      return;
    }
    let result: { errorText?: string };
    try {
      result = (await this.send('Page.navigate', { url: this.spec.url })) as typeof result;
    } catch (error) {
      // A slow server, not a wedged browser: the page stays, and paints when its answer comes.
      if (!(error instanceof CdpTimeout)) throw error;
      if (!this.closed) this.listener.problem(`the page's server has not answered within ${Math.round(error.timeoutMs / 1000)} s`);
      return;
    }
    if (result.errorText) this.listener.problem(`the page could not be loaded (${result.errorText})`);
  }

  private onFrame(p: Record<string, unknown>): void {
    const frameSession = p['sessionId'];
    const data = typeof p['data'] === 'string' ? p['data'] : '';
    const size = pngSize(data);
    this.restarts = 0;
    // The frame's swap time (s on the wall clock), where the page's sound chunks are stamped too.
    const swapped = (p['metadata'] as { timestamp?: unknown } | undefined)?.timestamp;
    const capturedAt = typeof swapped === 'number' && Number.isFinite(swapped) ? swapped * 1000 : null;
    if (size) this.listener.frame({ width: size.width, height: size.height, mime: 'image/png', data, capturedAt });
    // The next frame comes only after this ack: holding it paces the page to its fps.
    const now = Date.now();
    const wait = Math.max(0, this.lastFrameAt + 1000 / this.spec.fps - now);
    this.lastFrameAt = now + wait;
    clearTimeout(this.ackTimer);
    this.ackTimer = setTimeout(() => {
      this.send('Page.screencastFrameAck', { sessionId: frameSession }).catch(() => {});
    }, wait);
  }

  private onRequest(p: Record<string, unknown>): void {
    const requestId = p['requestId'];
    const request = p['request'] as { url?: string } | undefined;
    const url = request?.url ?? '';
    const verdict = requestVerdict(url, this.spec.localFile, this.opts.blockedOrigins());
    if (verdict) {
      this.opts.logger.log('info', 'browser source request refused', { inputUuid: this.id, url: url.slice(0, 200), verdict });
      this.send('Fetch.failRequest', { requestId, errorReason: 'BlockedByClient' }).catch(() => {});
    } else {
      this.send('Fetch.continueRequest', { requestId }).catch(() => {});
    }
  }

  private send(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    if (!this.cdp || !this.sessionId) return Promise.reject(new Error('the page is not running'));
    return this.cdp.send(method, params, this.sessionId);
  }

  private report(error: unknown): void {
    if (this.closed) return;
    this.listener.problem(`the page failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
