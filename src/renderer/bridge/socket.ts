/**
 * Server mode's bridge: one WebSocket to the engine. Calls are JSON {t:'call'} messages answered
 * by {t:'reply'} with the same id; a call that cannot be answered (not connected, socket closed,
 * no reply in time) settles as a NotReady Result, never a rejection. Frames travel as binary
 * messages. The socket reconnects with capped backoff, and the bridge re-claims program output
 * after a reconnect if the UI had claimed it, because the engine sees a brand-new session.
 */
import {
  MEDIA_PATH,
  STUDIO_SESSION_PATH,
  STUDIO_SOCKET_PATH,
  Status,
  fail,
  type ClientMessage,
  type CommandArgs,
  type CommandResult,
  type CommandType,
  type EventType,
  type RendererStats,
  type Result,
  type ServerMessage,
  type StudioEvent,
} from '../../shared';
import { reconnectDelay } from './backoff';
import { NOT_CONNECTED, type ClientBridge } from './types';

/** Events the engine replays to a new session; late subscribers get the last of each from here. */
const REPLAYED: ReadonlySet<EventType> = new Set<EventType>(['kinds.list', 'document.changed', 'stream.state', 'renderer.outputOwner']);
const CALL_TIMEOUT_MS = 60_000;
/** How many of the largest frames may sit in the socket's send buffer before frames are dropped. */
const BUFFERED_FRAMES = 4;

type Settle = (r: Result<unknown>) => void;

export function socketUrl(loc: { protocol: string; host: string }): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}${STUDIO_SOCKET_PATH}`;
}

/** The session check's address beside a socket URL (ws://host/studio → http://host/session). */
export function sessionUrl(socket: string): string {
  const u = new URL(socket);
  u.protocol = u.protocol === 'wss:' ? 'https:' : 'http:';
  u.pathname = STUDIO_SESSION_PATH;
  u.search = '';
  return u.toString();
}

export function socketBridge(url: string = socketUrl(location)): ClientBridge {
  let ws: WebSocket | null = null;
  let connected = false;
  let refused: string | undefined;
  let disposed = false;
  let attempt = 0;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let nextId = 1;
  let largestFrame = 0;
  let claim: CommandArgs<'renderer.claimOutput'> | null = null;
  const pending = new Map<number, { settle: Settle; timer: ReturnType<typeof setTimeout> }>();
  const events = new Set<(e: StudioEvent) => void>();
  const acks = new Set<(seq: number) => void>();
  const conn = new Set<(c: boolean, refused?: string) => void>();
  const last = new Map<EventType, StudioEvent>();

  const emit = (e: StudioEvent): void => {
    if (REPLAYED.has(e.type)) last.set(e.type, e);
    for (const l of [...events]) {
      try {
        l(e);
      } catch (err) {
        console.error('A studio event listener failed:', err);
      }
    }
  };

  const setConnected = (c: boolean): void => {
    if (c === connected) return;
    connected = c;
    for (const l of [...conn]) l(c, refused);
  };

  /**
   * A socket that never opened may have been refused for want of this run's secret (a tab from
   * before a restart, or a URL without its token): then retrying cannot help, and the user is told
   * which URL to open instead of watching a reconnect loop.
   */
  const checkAccess = async (): Promise<boolean> => {
    try {
      const res = await fetch(sessionUrl(url), { credentials: 'same-origin', cache: 'no-store' });
      if (res.status !== 401) return true;
      const body = (await res.json().catch(() => null)) as { error?: { message?: unknown } } | null;
      const message = body?.error?.message;
      refused = typeof message === 'string' ? message : 'This page may not drive the studio: open the URL printed when the studio started.';
      for (const l of [...conn]) l(false, refused);
      return false;
    } catch {
      // The server is down, not refusing: keep retrying.
      return true;
    }
  };

  const settleAll = (): void => {
    for (const [, p] of pending) {
      clearTimeout(p.timer);
      p.settle(fail(Status.NotReady, NOT_CONNECTED));
    }
    pending.clear();
  };

  const onMessage = (ev: MessageEvent): void => {
    if (typeof ev.data !== 'string') return;
    let msg: ServerMessage;
    try {
      msg = JSON.parse(ev.data) as ServerMessage;
    } catch {
      console.warn('Ignoring a malformed message from the studio engine.');
      return;
    }
    if (msg.t === 'reply') {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      clearTimeout(p.timer);
      p.settle(msg.result);
    } else if (msg.t === 'event') {
      emit(msg.event);
    } else if (msg.t === 'ack') {
      for (const l of [...acks]) l(msg.sequence);
    }
  };

  const onClose = (opened: boolean): void => {
    ws = null;
    settleAll();
    // The engine drops a closed session's ownership; say so to whoever is sending frames.
    const owner = last.get('renderer.outputOwner');
    if (owner?.type === 'renderer.outputOwner' && owner.data.owner) {
      emit({ type: 'renderer.outputOwner', data: { owner: false } });
    }
    setConnected(false);
    if (disposed) return;
    const delay = reconnectDelay(attempt++);
    if (opened) {
      retry = setTimeout(connect, delay);
      return;
    }
    void checkAccess().then((allowed) => {
      if (allowed && !disposed) retry = setTimeout(connect, delay);
    });
  };

  function connect(): void {
    retry = null;
    if (disposed) return;
    const s = new WebSocket(url);
    let opened = false;
    s.binaryType = 'arraybuffer';
    s.onopen = () => {
      opened = true;
      attempt = 0;
      setConnected(true);
      if (claim) void invoke('renderer.claimOutput', claim);
    };
    s.onmessage = onMessage;
    s.onclose = () => {
      if (ws === s) onClose(opened);
    };
    // An error is always followed by close, where reconnecting happens.
    s.onerror = () => {};
    ws = s;
  }

  const send = (m: ClientMessage): boolean => {
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(JSON.stringify(m));
    return true;
  };

  function invoke<T extends CommandType>(type: T, args: CommandArgs<T>): Promise<Result<CommandResult<T>>> {
    if (type === 'renderer.claimOutput') claim = args as CommandArgs<'renderer.claimOutput'>;
    const id = nextId++;
    return new Promise<Result<CommandResult<T>>>((resolve) => {
      const settle = resolve as Settle;
      if (!send({ t: 'call', id, type, args })) {
        settle(fail(Status.NotReady, NOT_CONNECTED));
        return;
      }
      const timer = setTimeout(() => {
        pending.delete(id);
        settle(fail(Status.NotReady, 'The studio engine did not answer in time; try again.'));
      }, CALL_TIMEOUT_MS);
      pending.set(id, { settle, timer });
    });
  }

  connect();

  return {
    host: 'server',
    invoke,
    subscribe(listener) {
      events.add(listener);
      // Replay what the engine sent before this listener existed, as a fresh subscription would get.
      const replay = [...last.values()];
      if (replay.length > 0) {
        queueMicrotask(() => {
          if (!events.has(listener)) return;
          for (const e of replay) listener(e);
        });
      }
      return () => events.delete(listener);
    },
    sendFrame(message) {
      if (!ws || ws.readyState !== WebSocket.OPEN) return;
      largestFrame = Math.max(largestFrame, message.byteLength);
      // A socket that cannot keep up drops frames here rather than queueing seconds of video.
      if (ws.bufferedAmount > BUFFERED_FRAMES * largestFrame) return;
      ws.send(message);
    },
    onFrameAck(listener) {
      acks.add(listener);
      return () => acks.delete(listener);
    },
    reportStats(stats: RendererStats) {
      send({ t: 'stats', stats });
    },
    mediaUrl: (path) => `${MEDIA_PATH}?path=${encodeURIComponent(path)}`,
    onConnection(listener) {
      conn.add(listener);
      listener(connected, refused);
      return () => conn.delete(listener);
    },
    get connected() {
      return connected;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      if (retry) clearTimeout(retry);
      retry = null;
      const s = ws;
      ws = null;
      if (s) {
        s.onclose = null;
        s.onmessage = null;
        s.onopen = null;
        s.close(1000, 'disposed');
      }
      settleAll();
      setConnected(false);
      events.clear();
      acks.clear();
      conn.clear();
    },
  };
}
