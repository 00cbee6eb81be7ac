/**
 * A stand-in for the parts of the `electron` module the main process uses, for unit tests on a
 * machine without the Electron binary (tests load it with vi.mock('electron', …)). It records what
 * the code under test registers and lets the test drive those handlers as Electron would.
 */
type Listener = (...args: never[]) => unknown;

class Emitter {
  private readonly listeners = new Map<string, Listener[]>();
  on(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
    return this;
  }
  once(event: string, fn: Listener): this {
    return this.on(event, fn);
  }
  off(event: string, fn: Listener): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== fn));
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const fn of this.listeners.get(event) ?? []) (fn as (...a: unknown[]) => unknown)(...args);
  }
  count(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
  clear(): void {
    this.listeners.clear();
  }
}

/** A navigation-like event: records whether the code under test prevented it. */
export class FakeEvent {
  prevented = false;
  preventDefault(): void {
    this.prevented = true;
  }
}

let nextId = 1;

export class FakeWebContents extends Emitter {
  readonly id = nextId++;
  readonly mainFrame = { processId: 7, routingId: 1 };
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly sent: Array<[string, unknown]> = [];
  destroyed = false;
  constructor(public url: string) {
    super();
  }
  getURL(): string {
    return this.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setWindowOpenHandler(fn: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = fn;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  /** webContents.postMessage: what was posted, with the ports it transferred to the page. */
  readonly posted: Array<{ channel: string; message: unknown; transfer: FakeMessagePortMain[] }> = [];
  postMessage(channel: string, message: unknown, transfer: FakeMessagePortMain[] = []): void {
    for (const port of transfer) port.transferred = true;
    this.posted.push({ channel, message, transfer });
  }
}

/**
 * MessagePortMain as Electron's main process has it (Node-style events, queued until start()).
 * The test plays the page's end: `deliver` is a message from the entangled port.
 */
export class FakeMessagePortMain extends Emitter {
  started = false;
  closed = false;
  /** Handed to a page (webContents.postMessage's transfer list). */
  transferred = false;
  other: FakeMessagePortMain | null = null;
  private readonly queue: unknown[] = [];
  start(): void {
    this.started = true;
    for (const data of this.queue.splice(0)) this.emit('message', { data, ports: [] });
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close');
    this.other?.close();
  }
  postMessage(data: unknown): void {
    this.other?.deliver(data);
  }
  /** A message arriving from the other end. */
  deliver(data: unknown): void {
    if (this.closed) return;
    if (this.started) this.emit('message', { data, ports: [] });
    else this.queue.push(data);
  }
}

export class FakeMessageChannelMain {
  static created: FakeMessageChannelMain[] = [];
  readonly port1 = new FakeMessagePortMain();
  readonly port2 = new FakeMessagePortMain();
  constructor() {
    this.port1.other = this.port2;
    this.port2.other = this.port1;
    FakeMessageChannelMain.created.push(this);
  }
}

export class FakeBrowserWindow extends Emitter {
  static created: FakeBrowserWindow[] = [];
  readonly webContents: FakeWebContents;
  loaded: { file: string; options: unknown } | null = null;
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    this.webContents = new FakeWebContents('about:blank');
    FakeBrowserWindow.created.push(this);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  loadFile(file: string, options?: unknown): Promise<void> {
    this.loaded = { file, options };
    return Promise.resolve();
  }
  show(): void {}
}

export class FakeSession {
  headersHandler: ((details: { responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void) | null = null;
  requestHandler: ((wc: FakeWebContents | null, permission: string, cb: (granted: boolean) => void, details: { requestingUrl: string }) => void) | null = null;
  checkHandler: ((wc: FakeWebContents | null, permission: string) => boolean) | null = null;
  readonly webRequest = {
    onHeadersReceived: (fn: NonNullable<FakeSession['headersHandler']>) => {
      this.headersHandler = fn;
    },
  };
  setPermissionRequestHandler(fn: NonNullable<FakeSession['requestHandler']>): void {
    this.requestHandler = fn;
  }
  setPermissionCheckHandler(fn: NonNullable<FakeSession['checkHandler']>): void {
    this.checkHandler = fn;
  }
}

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

class FakeIpcMain extends Emitter {
  readonly handlers = new Map<string, InvokeHandler>();
  handle(channel: string, fn: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, fn);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What ipcRenderer.invoke would get back. */
  async invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const fn = this.handlers.get(channel);
    if (!fn) throw new Error(`No handler registered for '${channel}'`);
    return fn(event, ...args);
  }
}

export interface OpenDialogCall {
  window: unknown;
  options: Record<string, unknown>;
}

export const fakeElectron = {
  app: new Emitter(),
  shell: {
    opened: [] as string[],
    /** Folders handed to openPath, and what the next one answers ('' = opened). */
    openedPaths: [] as string[],
    openPathAnswer: '',
    openPath(path: string): Promise<string> {
      fakeElectron.shell.openedPaths.push(path);
      return Promise.resolve(fakeElectron.shell.openPathAnswer);
    },
    openExternal(url: string): Promise<void> {
      fakeElectron.shell.opened.push(url);
      return Promise.resolve();
    },
  },
  ipcMain: new FakeIpcMain(),
  dialog: {
    calls: [] as OpenDialogCall[],
    /** What the next dialog answers, as the user would. */
    answer: { canceled: true, filePaths: [] as string[] } as { canceled: boolean; filePaths: string[] },
    showOpenDialog(a: unknown, b?: Record<string, unknown>): Promise<{ canceled: boolean; filePaths: string[] }> {
      fakeElectron.dialog.calls.push(b ? { window: a, options: b } : { window: null, options: a as Record<string, unknown> });
      return Promise.resolve(fakeElectron.dialog.answer);
    },
    showErrorBox(): void {},
  },
  Menu: {
    installed: null as unknown,
    buildFromTemplate: (template: unknown) => ({ template }),
    setApplicationMenu(menu: unknown): void {
      fakeElectron.Menu.installed = menu;
    },
  },
  BrowserWindow: FakeBrowserWindow,
  MessageChannelMain: FakeMessageChannelMain,
  globalShortcut: {
    /** Accelerator → callback, as the OS holds them; `taken` ones another app owns. */
    registered: new Map<string, () => void>(),
    taken: new Set<string>(),
    register(accelerator: string, fn: () => void): boolean {
      if (fakeElectron.globalShortcut.taken.has(accelerator)) return false;
      fakeElectron.globalShortcut.registered.set(accelerator, fn);
      return true;
    },
    unregisterAll(): void {
      fakeElectron.globalShortcut.registered.clear();
    },
  },
  /** Forgets everything registered, between tests. */
  reset(): void {
    fakeElectron.globalShortcut.registered.clear();
    fakeElectron.globalShortcut.taken.clear();
    fakeElectron.app.clear();
    fakeElectron.ipcMain.clear();
    fakeElectron.ipcMain.handlers.clear();
    fakeElectron.shell.opened.length = 0;
    fakeElectron.shell.openedPaths.length = 0;
    fakeElectron.shell.openPathAnswer = '';
    fakeElectron.dialog.calls.length = 0;
    fakeElectron.dialog.answer = { canceled: true, filePaths: [] };
    fakeElectron.Menu.installed = null;
    FakeBrowserWindow.created.length = 0;
    FakeMessageChannelMain.created.length = 0;
  },
};
