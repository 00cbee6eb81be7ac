/**
 * The connection's life: connect with what the user typed, and when an established connection
 * drops, reconnect with backoff until it is back or the person gives up. A failure the next try
 * cannot fix (wrong password, session kicked, refused origin) goes back to the connect screen.
 */
import { reconnectDelay } from '../bridge/backoff';
import { toWsUrl } from './address';
import { Close, closeMessage, closeOf, isFatalClose } from './errors';
import { openSession, type OpenSession, type Session } from './session';
import { emptyStudioState, type ConnectionInfo, type RemoteStore } from './store';

/** Starts everything that runs while identified; returns how to stop it. */
export type StartFeatures = (session: Session) => () => void;

export interface Connection {
  /** A user's connect: a failure here goes straight back to the connect screen with the reason. */
  connect(address: string, password: string): void;
  /** While reconnecting: skip the wait. */
  retryNow(): void;
  /** Closes and stays idle. */
  disconnect(): void;
  /** The identified session, or null. */
  session(): Session | null;
  dispose(): void;
}

export interface ConnectionOptions {
  /** The page's location.protocol: an https page must use wss. */
  pageProtocol: string;
}

export function createConnection(store: RemoteStore, start: StartFeatures, opts: ConnectionOptions): Connection {

  // Every connect/disconnect starts a new generation; late answers from an older one are dropped.
  let generation = 0;
  let current: OpenSession | null = null;
  let stopFeatures: (() => void) | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let target: { url: string; address: string; password: string } | null = null;

  const set = (patch: Partial<ConnectionInfo>): void =>
    store.setState((s) => ({ connection: { ...s.connection, ...patch } }));

  const teardown = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    stopFeatures?.();
    stopFeatures = null;
    const closing = current;
    current = null;
    void closing?.close().catch(() => undefined);
  };

  const giveUp = (error: string | null): void => {
    teardown();
    generation++;
    target = null;
    store.setState(emptyStudioState());
    set({ phase: 'idle', error, attempt: 0, retryAt: null });
  };

  const scheduleRetry = (gen: number, error: string): void => {
    const attempt = store.getState().connection.attempt + 1;
    const wait = reconnectDelay(attempt);
    set({ phase: 'reconnecting', error, attempt, retryAt: Date.now() + wait });
    timer = setTimeout(() => {
      timer = null;
      if (gen === generation) void tryOpen(gen, true);
    }, wait);
  };

  const tryOpen = async (gen: number, retrying: boolean): Promise<void> => {
    const goal = target;
    if (!goal) return;
    let opened: OpenSession;
    try {
      opened = await openSession(goal.url, goal.password);
    } catch (error) {
      if (gen !== generation) return;
      const { code, reason } = closeOf(error);
      const message = closeMessage(code, reason, goal.address);
      // A first attempt that fails is the person's to fix; a lost connection keeps trying.
      if (!retrying || isFatalClose(code)) giveUp(message);
      else scheduleRetry(gen, message);
      return;
    }
    if (gen !== generation) {
      void opened.close().catch(() => undefined);
      return;
    }
    current = opened;
    set({ phase: 'connected', error: null, attempt: 0, retryAt: null });
    stopFeatures = start(opened.session);
    void opened.closed.then(({ code, reason }) => {
      if (gen !== generation || current !== opened) return; // we closed it ourselves
      stopFeatures?.();
      stopFeatures = null;
      current = null;
      const message = closeMessage(code, reason, goal.address);
      if (isFatalClose(code)) giveUp(message);
      else scheduleRetry(gen, lostMessage(code, message));
    });
  };

  return {
    connect(address, password) {
      teardown();
      const gen = ++generation;
      const url = toWsUrl(address, opts.pageProtocol);
      if (!url) {
        target = null;
        set({ phase: 'idle', address, error: 'Enter the studio address as host:port, for example 192.168.1.20:4455.' });
        return;
      }
      target = { url, address, password };
      store.setState(emptyStudioState());
      set({ phase: 'connecting', address, error: null, attempt: 0, retryAt: null });
      void tryOpen(gen, false);
    },
    retryNow() {
      if (!timer || !target) return;
      clearTimeout(timer);
      timer = null;
      set({ retryAt: Date.now() });
      void tryOpen(generation, true);
    },
    disconnect: () => giveUp(null),
    session: () => current?.session ?? null,
    dispose() {
      teardown();
      generation++;
      target = null;
    },
  };
}

/** A drop of an established connection, said as such (the studio quit, Wi-Fi went away…). */
function lostMessage(code: number, fallback: string): string {
  if (code === Close.Abnormal || code === Close.GoingAway || code === Close.Normal) {
    return 'The connection to the studio dropped.';
  }
  return fallback;
}
