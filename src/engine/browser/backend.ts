/**
 * The port a host gives the engine to run browser sources' pages (StudioPorts.browserSources).
 * Server mode runs them in a Chromium of their own driven over the DevTools protocol
 * (src/server/browser-host.ts); the desktop app in offscreen WebContents, each in its own partition
 * (src/main/browser-source.ts). Either way the page never shares the studio's profile, cookies,
 * origin or process, and its pictures come back as encoded frames.
 */

/** What one page shows. */
export interface BrowserPageSpec {
  /** http(s):, data:, about:blank, or file: for a local file (checked by browserSettingsProblem). */
  url: string;
  /** The local file's absolute path when url is its file: URL, else null (hosts allow no other file). */
  localFile: string | null;
  width: number;
  height: number;
  /** Custom CSS added to every document the page loads (OBS's `css`). */
  css: string;
  /** Most frames a second the page's pictures are taken at. */
  fps: number;
  /**
   * Whether the page's sound goes to the studio (OBS's `reroute_audio`, "Control audio via OBS").
   * Off or absent, a host does not capture it (server mode plays it nowhere: it has no desktop).
   */
  audio?: boolean;
}

export interface BrowserFrame {
  width: number;
  height: number;
  mime: 'image/png' | 'image/jpeg';
  /** The encoded picture, base64. */
  data: string;
  /**
   * When the page showed it, ms on the wall clock, where audio() stamps its chunks; null where the
   * host cannot say. The compositor pairs the two by these stamps.
   */
  capturedAt: number | null;
}

export interface BrowserPageListener {
  frame(frame: BrowserFrame): void;
  /** A load failure or a crash (with a sentence), or null once the page shows again. */
  problem(message: string | null): void;
  /**
   * Some of the page's sound, while spec.audio is on: s16le, interleaved stereo, 48 kHz, whole
   * frames, in the order played, with when its first sample was played in the page (ms on the
   * frames' clock) where known. Hosts send nothing while the page is silent. Optional: a host whose
   * pages reach the studio's mixer another way (the desktop app's frame capture) never calls it.
   */
  audio?(pcm: Buffer, capturedAt: number | null): void;
}

export interface BrowserPage {
  /** New settings for the running page (navigates only when the address changed). */
  update(spec: BrowserPageSpec): void;
  /** Reloads the page bypassing its cache (OBS's refreshnocache). */
  reload(): void;
  close(): Promise<void>;
}

export interface BrowserSourceBackend {
  /** Starts a page for input `id`; problems starting it are reported through the listener. */
  open(id: string, spec: BrowserPageSpec, listener: BrowserPageListener): BrowserPage;
  /** Closes every page and whatever runs them. */
  dispose(): Promise<void>;
}
