/**
 * The desktop bridge: window.studio, a StudioBridge over IPC. Only these functions cross into the
 * page; no Electron object does, and listeners never see an IpcRendererEvent. None of them runs a
 * program or reads a path: commands go through the engine, which refuses host-only ones from pages,
 * and the FFmpeg program is picked in the main process's own file dialog.
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  FRAME_PORT_MESSAGE,
  MEDIA_SCHEME,
  Status,
  fail,
  type CommandArgs,
  type CommandResult,
  type CommandType,
  type FolderKind,
  type RendererStats,
  type Result,
  type StudioBridge,
  type StudioEvent,
  type TopMenuSpec,
} from '../shared';
import { IpcChannel as Channel } from '../shared';

const eventListeners = new Set<(event: StudioEvent) => void>();
const menuListeners = new Set<(id: string) => void>();
const ackListeners = new Set<(sequence: number) => void>();
let subscribed = false;
/** The engine replays these once per page; a later subscriber gets the latest of each from here. */
const REPLAYED = new Set<string>(['kinds.list', 'document.changed', 'stream.state', 'renderer.outputOwner']);
const latest = new Map<string, StudioEvent>();

// One IPC listener each for the page's lifetime; the page's listeners are plain callbacks.
ipcRenderer.on(Channel.event, (_ipc, event: StudioEvent) => {
  if (REPLAYED.has(event.type)) latest.set(event.type, event);
  for (const listener of [...eventListeners]) {
    try {
      listener(event);
    } catch (error) {
      console.error('studio event listener failed', error);
    }
  }
});
ipcRenderer.on(Channel.ack, (_ipc, sequence: number) => {
  for (const listener of [...ackListeners]) listener(sequence);
});
ipcRenderer.on(Channel.menuAction, (_ipc, id: unknown) => {
  if (typeof id !== 'string') return;
  for (const listener of [...menuListeners]) listener(id);
});

/** The page's window, as far as the frame port needs it (this preload is typed without the DOM). */
const page = globalThis as unknown as { postMessage(message: string, targetOrigin: string, transfer: unknown[]): void };
let framePortAsked = false;
// The frame port goes to the page's own world as a window message: contextBridge cannot pass a
// MessagePort, and the page posting frames on it directly skips contextBridge's copies. It carries
// only frames, into the page's own session (main never posts on it). '*' because a file:// page's
// origin is opaque; the message goes to this window only.
ipcRenderer.on(Channel.framePort, (ipc) => {
  const port = ipc.ports[0];
  if (port) page.postMessage(FRAME_PORT_MESSAGE, '*', [port]);
});

const bridge: StudioBridge = {
  host: 'desktop',
  async invoke<T extends CommandType>(type: T, args: CommandArgs<T>): Promise<Result<CommandResult<T>>> {
    try {
      return (await ipcRenderer.invoke(Channel.invoke, type, args)) as Result<CommandResult<T>>;
    } catch {
      return fail(Status.NotReady, 'The studio engine is not running; restart Broadcast Studio.');
    }
  },
  subscribe(listener) {
    eventListeners.add(listener);
    // The engine replays the current state once per page, to the first subscription; later ones
    // get the same from the cache, as server mode's socket bridge does.
    if (!subscribed) {
      subscribed = true;
      ipcRenderer.send(Channel.subscribe);
    } else if (latest.size > 0) {
      const replay = [...latest.values()];
      queueMicrotask(() => {
        if (eventListeners.has(listener)) for (const event of replay) listener(event);
      });
    }
    return () => {
      eventListeners.delete(listener);
    };
  },
  sendFrame(message: ArrayBuffer) {
    ipcRenderer.send(Channel.frame, message);
  },
  onFrameAck(listener) {
    ackListeners.add(listener);
    return () => {
      ackListeners.delete(listener);
    };
  },
  reportStats(stats: RendererStats) {
    ipcRenderer.send(Channel.stats, stats);
  },
  mediaUrl: (path: string) => `${MEDIA_SCHEME}://file/${encodeURIComponent(path)}`,
  // Asks the main process to show its file dialog; the page cannot name the program itself.
  async chooseFfmpeg() {
    try {
      return (await ipcRenderer.invoke(Channel.chooseFfmpeg)) as Result<{ ffmpegPath: string } | null>;
    } catch {
      return fail(Status.NotReady, 'The studio engine is not running; restart Broadcast Studio.');
    }
  },
  // Only the kind crosses: the main process asks the engine for the folder's path.
  async openFolder(kind: FolderKind) {
    try {
      return (await ipcRenderer.invoke(Channel.openFolder, kind)) as Result<{ path: string }>;
    } catch {
      return fail(Status.NotReady, 'The studio engine is not running; restart Broadcast Studio.');
    }
  },
  // Only an input's uuid crosses: main checks it names a running page whose sound the studio controls.
  async browserSourceAudio(inputUuid: string) {
    try {
      return (await ipcRenderer.invoke(Channel.browserSourceAudio, inputUuid)) as Result<null>;
    } catch {
      return fail(Status.NotReady, 'The studio engine is not running; restart Broadcast Studio.');
    }
  },
  setMenu(menus: TopMenuSpec[]) {
    ipcRenderer.send(Channel.menuModel, menus);
  },
  onMenuAction(listener) {
    menuListeners.add(listener);
    return () => {
      menuListeners.delete(listener);
    };
  },
  // Once per page load: asking again would close the port the page already holds.
  requestFramePort() {
    if (framePortAsked) return;
    framePortAsked = true;
    ipcRenderer.send(Channel.framePort);
  },
};

contextBridge.exposeInMainWorld('studio', Object.freeze(bridge));
