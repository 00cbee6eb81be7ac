/**
 * The desktop app's browser sources: each page is an offscreen BrowserWindow in a partition of its
 * own ('browser-source-<id>', in memory: no `persist:`), so it shares no cookies, storage or cache
 * with the studio or with other sources. No Node, no preload, sandboxed, context-isolated; every
 * permission is refused; it opens no windows and no webviews; requests and navigations go through
 * the same policy as server mode (src/server/browser-host.ts requestVerdict: the studio's own
 * origins and studio-media: are off limits, file: only within a local file's folder). The studio's
 * session guards (guards.ts) leave these contents to this module. Paint events (paced by
 * setFrameRate) become PNG frames for the engine, which hands them to the compositor.
 * Sound: muted unless reroute_audio is on; then the studio's page captures the page's main frame
 * through getDisplayMedia, answered by display-media.ts with `audioFrame` (suppressLocalAudioPlayback
 * keeps it off the speakers), and it plays into the input's strip like any captured stream.
 */
import { BrowserWindow, session, type Session, type WebContents, type WebFrameMain } from 'electron';
import type { Logger } from '../engine/api';
import type { BrowserPage, BrowserPageListener, BrowserPageSpec, BrowserSourceBackend } from '../engine/browser/backend';
import { requestVerdict } from '../server/browser-host';

export interface OffscreenBrowserHostOptions {
  logger: Logger;
  /** Origins the pages must never reach (obs-websocket, anything else the studio serves), read at each request. */
  blockedOrigins: () => readonly string[];
}

export interface OffscreenBrowserHost extends BrowserSourceBackend {
  /** Whether these contents are a browser source's page (the studio's guards leave them to us). */
  owns(contents: WebContents): boolean;
  /** The main frame whose sound the studio may capture for input `id`: only a running page with reroute_audio on. */
  audioFrame(id: string): WebFrameMain | null;
}

/** The partition a source's page runs in: in memory, one per input. */
export const partitionFor = (id: string): string => `browser-source-${id.replace(/[^A-Za-z0-9-]/g, '')}`;

export function createOffscreenBrowserHost(opts: OffscreenBrowserHostOptions): OffscreenBrowserHost {
  const pages = new Map<string, OffscreenPage>();
  const owned = new Set<number>();
  return {
    owns: (contents) => owned.has(contents.id),
    audioFrame: (id) => pages.get(id)?.audioFrame() ?? null,
    open(id, spec, listener) {
      const page = new OffscreenPage(id, spec, listener, opts, {
        add: (wc) => owned.add(wc.id),
        remove: (wc) => owned.delete(wc.id),
        forget: () => pages.delete(id),
      });
      pages.set(id, page);
      return page;
    },
    async dispose() {
      await Promise.all([...pages.values()].map((p) => p.close()));
    },
  };
}

class OffscreenPage implements BrowserPage {
  private readonly win: BrowserWindow;
  private readonly contents: WebContents;
  private cssKey: string | null = null;
  private closed = false;

  constructor(
    private readonly id: string,
    private spec: BrowserPageSpec,
    private readonly listener: BrowserPageListener,
    private readonly opts: OffscreenBrowserHostOptions,
    private readonly registry: { add(wc: WebContents): void; remove(wc: WebContents): void; forget(): void },
  ) {
    guardSession(session.fromPartition(partitionFor(id)), () => this.spec, opts);
    this.win = new BrowserWindow({
      show: false,
      width: spec.width,
      height: spec.height,
      frame: false,
      transparent: true,
      // Transparent where the page paints nothing, as OBS's browser source.
      backgroundColor: '#00000000',
      // Electron's secure defaults spelled out; no preload. Written here, not built elsewhere, so the
      // static audit (Electronegativity) sees them.
      webPreferences: {
        offscreen: true,
        partition: partitionFor(id),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        spellcheck: false,
        devTools: false,
        // A middle click cannot ask for a window either (every window is denied anyway).
        disableBlinkFeatures: 'Auxclick',
        // Pages animate while nobody looks at them: they are offscreen by design.
        backgroundThrottling: false,
      },
    });
    this.contents = this.win.webContents;
    registry.add(this.contents);
    this.guard();
    // Off, the page is silent (server mode has no desktop to play it on either); on, its sound is
    // captured by the studio, which asks Chromium to keep it off the speakers.
    this.contents.setAudioMuted(spec.audio !== true);
    this.contents.setFrameRate(spec.fps);
    this.contents.on('paint', (_event, _dirty, image) => {
      if (this.closed || image.isEmpty()) return;
      const size = image.getSize();
      // Unstamped: the desktop app's page sound comes as a captured stream, played as it comes.
      this.listener.frame({ width: size.width, height: size.height, mime: 'image/png', data: image.toPNG().toString('base64'), capturedAt: null });
    });
    this.contents.on('did-finish-load', () => void this.insertCss());
    this.contents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
      // -3 is ERR_ABORTED: a navigation replaced by another one, not a failure.
      if (isMainFrame && code !== -3) this.listener.problem(`the page could not be loaded (${description || code}: ${url.slice(0, 200)})`);
    });
    this.contents.on('render-process-gone', (_event, details) => this.listener.problem(`the page stopped (${details.reason}); refresh it to try again`));
    this.load();
  }

  update(spec: BrowserPageSpec): void {
    const old = this.spec;
    this.spec = spec;
    if (this.closed) return;
    if (old.width !== spec.width || old.height !== spec.height) this.win.setContentSize(spec.width, spec.height);
    if (old.fps !== spec.fps) this.contents.setFrameRate(spec.fps);
    if (!!old.audio !== !!spec.audio) this.contents.setAudioMuted(spec.audio !== true);
    if (old.url !== spec.url) this.load();
    else if (old.css !== spec.css) void this.insertCss();
  }

  reload(): void {
    if (!this.closed) this.contents.reloadIgnoringCache();
  }

  audioFrame(): WebFrameMain | null {
    if (this.closed || this.spec.audio !== true || this.contents.isDestroyed()) return null;
    return this.contents.mainFrame;
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    this.registry.forget();
    this.registry.remove(this.contents);
    if (!this.win.isDestroyed()) this.win.destroy();
    return Promise.resolve();
  }

  private load(): void {
    const verdict = requestVerdict(this.spec.url, this.spec.localFile, this.opts.blockedOrigins());
    if (verdict) {
      this.listener.problem(`the page was not opened: ${verdict}`);
      return;
    }
    this.cssKey = null;
    this.contents.loadURL(this.spec.url).catch(() => {
      // did-fail-load reports it.
    });
  }

  private async insertCss(): Promise<void> {
    if (this.closed) return;
    try {
      if (this.cssKey) await this.contents.removeInsertedCSS(this.cssKey);
      this.cssKey = this.spec.css ? await this.contents.insertCSS(this.spec.css) : null;
    } catch {
      // The page went away meanwhile.
    }
  }

  /** The page's own defences: where it may go, and nothing it may open. */
  private guard(): void {
    const stop = (event: { preventDefault(): void }, url: string): void => {
      const verdict = requestVerdict(url, this.spec.localFile, this.opts.blockedOrigins());
      if (!verdict) return;
      event.preventDefault();
      this.opts.logger.log('info', 'browser source navigation refused', { inputUuid: this.id, url: url.slice(0, 200), verdict });
    };
    this.contents.on('will-navigate', stop);
    this.contents.on('will-redirect', stop);
    this.contents.on('will-frame-navigate', (details) => stop(details, details.url));
    this.contents.on('will-attach-webview', (event) => event.preventDefault());
    this.contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  }
}

/** Every request of the partition through the policy; every permission refused. */
function guardSession(ses: Session, spec: () => BrowserPageSpec, opts: OffscreenBrowserHostOptions): void {
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    const verdict = requestVerdict(details.url, spec().localFile, opts.blockedOrigins());
    if (verdict) opts.logger.log('info', 'browser source request refused', { url: details.url.slice(0, 200), verdict });
    callback({ cancel: verdict !== null });
  });
}
