/**
 * The fake Electron (fake-electron.ts) plus what browser sources use: offscreen windows whose
 * contents load URLs, take CSS, pace paints and can be destroyed, and sessions per partition with
 * a request filter. Tests drive paints, loads and navigations as Electron would.
 */
import { FakeBrowserWindow, FakeSession, FakeWebContents, fakeElectron } from './fake-electron';

export class FakeImage {
  constructor(
    private readonly w: number,
    private readonly h: number,
    private readonly bytes = Buffer.from('png-bytes'),
  ) {}
  isEmpty(): boolean {
    return this.w === 0 || this.h === 0;
  }
  getSize(): { width: number; height: number } {
    return { width: this.w, height: this.h };
  }
  toPNG(): Buffer {
    return this.bytes;
  }
}

export class FakeOffscreenContents extends FakeWebContents {
  readonly loadedUrls: string[] = [];
  readonly css = new Map<string, string>();
  frameRate = 0;
  audioMuted = false;
  reloads = 0;
  private nextCss = 1;
  setAudioMuted(muted: boolean): void {
    this.audioMuted = muted;
  }
  setFrameRate(fps: number): void {
    this.frameRate = fps;
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    this.url = url;
    return Promise.resolve();
  }
  insertCSS(css: string): Promise<string> {
    const key = `css-${this.nextCss++}`;
    this.css.set(key, css);
    return Promise.resolve(key);
  }
  removeInsertedCSS(key: string): Promise<void> {
    this.css.delete(key);
    return Promise.resolve();
  }
  reloadIgnoringCache(): void {
    this.reloads++;
  }
}

export class FakeOffscreenWindow extends FakeBrowserWindow {
  declare readonly webContents: FakeOffscreenContents;
  contentSize: [number, number];
  constructor(options: Record<string, unknown>) {
    super(options);
    (this as { webContents: FakeOffscreenContents }).webContents = new FakeOffscreenContents('about:blank');
    this.contentSize = [options['width'] as number, options['height'] as number];
  }
  setContentSize(w: number, h: number): void {
    this.contentSize = [w, h];
  }
  destroy(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
  }
}

type BeforeRequest = (details: { url: string }, callback: (r: { cancel: boolean }) => void) => void;

export class FakePartition extends FakeSession {
  beforeRequest: BeforeRequest | null = null;
  override readonly webRequest = {
    onHeadersReceived: (fn: NonNullable<FakeSession['headersHandler']>) => {
      this.headersHandler = fn;
    },
    onBeforeRequest: (fn: BeforeRequest) => {
      this.beforeRequest = fn;
    },
  };
  /** What the filter decides for `url`: true when it is cancelled. */
  cancels(url: string): boolean {
    let cancel: boolean | null = null;
    this.beforeRequest!({ url }, (r) => (cancel = r.cancel));
    if (cancel === null) throw new Error('the request filter did not answer');
    return cancel;
  }
}

export const partitions = new Map<string, FakePartition>();

export const fakeOffscreenElectron = {
  ...fakeElectron,
  BrowserWindow: FakeOffscreenWindow,
  session: {
    defaultSession: new FakeSession(),
    fromPartition(name: string): FakePartition {
      let p = partitions.get(name);
      if (!p) partitions.set(name, (p = new FakePartition()));
      return p;
    },
  },
};
