/**
 * Binds the studio to the window over IPC: one renderer session per web contents, opened on first
 * use and closed when the page navigates, reloads, crashes or is destroyed. Only our own page in
 * our own window is heard; anything else is refused and logged.
 *
 * Frames may also come on a frame port: a MessageChannelMain made per page when it asks
 * (IpcChannel.framePort), one end kept here, the other handed to the page. It carries only frame
 * messages into that page's session (nothing is ever posted back on it) and is closed with the
 * session. It spares the page contextBridge's copies of every frame (bench/desktop-frames.mjs).
 */
import { MessageChannelMain, ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type MessagePortMain, type WebContents } from 'electron';
import { Status, fail, type CommandType, type StudioEvent } from '../shared';
import type { Disposable, Logger, RendererSession, Studio } from '../engine/api';
import { parseStats } from '../server/messages';
import { IpcChannel as Channel } from '../shared';

export interface IpcOptions {
  studio: Studio;
  logger: Logger;
  /** Whether a message's sender is our page in our window (see index.ts). */
  trusted: (event: IpcMainEvent | IpcMainInvokeEvent) => boolean;
}

interface Binding {
  session: RendererSession;
  state: {
    subscribed: boolean;
    /** Events (the engine's replay on open among them) that arrived before the page subscribed. */
    pending: StudioEvent[];
  };
  release: () => void;
  /** Our end of the page's frame port, once it asked for one. */
  port: MessagePortMain | null;
}

/** Bounds what a page that never subscribes can make us hold. */
const MAX_PENDING = 256;

export function bindStudioIpc(opts: IpcOptions): Disposable {
  const { studio, logger } = opts;
  const bindings = new Map<number, Binding>();

  function bindingFor(wc: WebContents): Binding {
    const existing = bindings.get(wc.id);
    if (existing) return existing;
    const send = (channel: string, payload: unknown): void => {
      if (!wc.isDestroyed()) wc.send(channel, payload);
    };
    // The engine may replay events while the session opens, so the state they land in comes first.
    const state: Binding['state'] = { subscribed: false, pending: [] };
    const session = studio.openRendererSession({
      event: (event) => {
        if (state.subscribed) return send(Channel.event, event);
        state.pending.push(event);
        if (state.pending.length > MAX_PENDING) state.pending.shift();
      },
      ack: (sequence) => send(Channel.ack, sequence),
    });
    const close = (): void => {
      if (bindings.get(wc.id) !== binding) return;
      bindings.delete(wc.id);
      binding.release();
      session.dispose();
    };
    // A new document in the window is a new renderer: it must get a fresh session and replay.
    const onNavigate = (details: { isMainFrame: boolean; isSameDocument: boolean }): void => {
      if (details.isMainFrame && !details.isSameDocument) close();
    };
    wc.on('did-start-navigation', onNavigate);
    wc.on('render-process-gone', close);
    wc.once('destroyed', close);
    const binding: Binding = {
      session,
      state,
      port: null,
      release: () => {
        binding.port?.close();
        binding.port = null;
        if (wc.isDestroyed()) return;
        wc.off('did-start-navigation', onNavigate);
        wc.off('render-process-gone', close);
        wc.off('destroyed', close);
      },
    };
    bindings.set(wc.id, binding);
    return binding;
  }

  const refuse = (event: IpcMainEvent | IpcMainInvokeEvent, channel: string): void =>
    logger.log('warn', 'refused IPC from an unknown sender', { channel, url: event.senderFrame?.url ?? '(gone)' });

  ipcMain.handle(Channel.invoke, async (event, type: unknown, args: unknown) => {
    if (!opts.trusted(event)) {
      refuse(event, Channel.invoke);
      return fail(Status.NotReady, 'This page may not control the studio.');
    }
    if (typeof type !== 'string') return fail(Status.InvalidRequestField, 'The command type must be a string.', 'type');
    try {
      return await bindingFor(event.sender).session.call(type as CommandType, args);
    } catch (error) {
      logger.log('error', 'a renderer call failed unexpectedly', { type, error: String(error) });
      return fail(Status.RequestProcessingFailed, `The studio could not run ${type}.`);
    }
  });

  const onSubscribe = (event: IpcMainEvent): void => {
    if (!opts.trusted(event)) return refuse(event, Channel.subscribe);
    // The preload subscribes once per page load; a repeat from the same document changes nothing.
    const { state } = bindingFor(event.sender);
    if (state.subscribed) return;
    state.subscribed = true;
    for (const pending of state.pending.splice(0)) {
      if (!event.sender.isDestroyed()) event.sender.send(Channel.event, pending);
    }
  };

  const frame = (session: RendererSession, message: unknown): void => {
    const bytes = toBytes(message);
    if (!bytes) return logger.log('warn', 'dropped a frame message that is not binary');
    try {
      session.frame(bytes);
    } catch (error) {
      logger.log('warn', 'dropped a frame message the engine refused', { error: String(error) });
    }
  };

  const onFrame = (event: IpcMainEvent, message: unknown): void => {
    if (!opts.trusted(event)) return refuse(event, Channel.frame);
    frame(bindingFor(event.sender).session, message);
  };

  // A page asking again (it reloaded its bridge) gets a fresh port; the old one is closed.
  const onFramePort = (event: IpcMainEvent): void => {
    if (!opts.trusted(event)) return refuse(event, Channel.framePort);
    const binding = bindingFor(event.sender);
    binding.port?.close();
    const { port1, port2 } = new MessageChannelMain();
    binding.port = port1;
    port1.on('message', (e) => frame(binding.session, e.data));
    port1.start();
    event.sender.postMessage(Channel.framePort, null, [port2]);
  };

  const onStats = (event: IpcMainEvent, raw: unknown): void => {
    if (!opts.trusted(event)) return refuse(event, Channel.stats);
    const stats = parseStats(raw);
    if (!stats) return logger.log('warn', 'dropped malformed renderer stats');
    bindingFor(event.sender).session.stats(stats);
  };

  ipcMain.on(Channel.subscribe, onSubscribe);
  ipcMain.on(Channel.frame, onFrame);
  ipcMain.on(Channel.framePort, onFramePort);
  ipcMain.on(Channel.stats, onStats);

  return {
    dispose() {
      ipcMain.removeHandler(Channel.invoke);
      ipcMain.off(Channel.subscribe, onSubscribe);
      ipcMain.off(Channel.frame, onFrame);
      ipcMain.off(Channel.framePort, onFramePort);
      ipcMain.off(Channel.stats, onStats);
      for (const binding of [...bindings.values()]) {
        binding.release();
        binding.session.dispose();
      }
      bindings.clear();
    },
  };
}

/** IPC delivers an ArrayBuffer from the page as an ArrayBuffer or a Buffer depending on the path. */
function toBytes(message: unknown): Uint8Array | null {
  if (message instanceof Uint8Array) return message;
  if (message instanceof ArrayBuffer) return new Uint8Array(message);
  return null;
}
