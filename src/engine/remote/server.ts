/**
 * The obs-websocket v5 server: an HTTP(S) listener whose upgrades become sessions speaking JSON or
 * MessagePack. It owns the listening socket, every session, its timers and its subscription to the
 * event source; close() releases all of them. What requests and events mean lives behind the
 * RequestRegistry and RemoteEventSource seam (./types.ts).
 */
import http, { STATUS_CODES, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { Status, fail, ok, type Result } from '../../shared';
import type { Clock, Logger, Studio, TimerHandle } from '../api';
import { systemClock } from '../clock';
import { EventSubscription, type RemoteEvent, type RemoteEventSource, type RequestContext, type RequestRegistry } from './types';
import { createCodec, isPlainObject, negotiate, offeredProtocols, type Encoding } from './codec';
import { deriveSecret, randomToken } from './auth';
import { AuthThrottle, peerKey } from './throttle';
import { createOriginCheck } from './origin';
import { Session } from './session';
import { handleFrame, type DispatchDeps } from './dispatch';
import { loadTls } from './tls';
import { serveStatic } from '../http/static';
import { PREVIEW_HLS_PREFIX } from '../output/hls-preview';
import { OBS_STUDIO_VERSION, OBS_WEBSOCKET_VERSION, OpCode, RPC_VERSION, WsCloseCode, type ExecutionTypeValue } from './protocol';

export interface RemoteServerOptions {
  studio: Studio;
  registry: RequestRegistry;
  /** Owned by the caller: the server only subscribes to it (and unsubscribes on close). */
  events: RemoteEventSource;
  logger: Logger;
  clock?: Clock;
  /** 4455 by default in the studio; 0 picks a free port (tests). */
  port: number;
  /** '127.0.0.1' by default in the studio; anything else exposes the studio on the network. */
  bind: string;
  /** null turns authentication off. */
  password: string | null;
  /**
   * Origins a browser page may connect from. Connections without an Origin (native tools) are always
   * allowed, and with pageDir so is this server's own origin when its host is an IP or localhost.
   */
  allowedOrigins?: string[];
  /** PEM text or file paths: serve wss:// instead of ws://. */
  tls?: { cert: string; key: string } | null;
  maxSessions?: number;
  maxMessageBytes?: number;
  /** The studio's own version, for logs and the HTTP Server header. */
  version: string;
  /** Folder with remote.html and its assets (out/renderer): served at /remote/ for tablets. */
  pageDir?: string;
}

/** /remote/ → remote.html, /remote/assets/x → assets/x; anything else is not the page. */
export function remotePagePath(url: string | undefined): string | null {
  let pathname: string;
  try {
    pathname = new URL(url ?? '/', 'http://localhost').pathname;
  } catch {
    // A request target no URL parser accepts (`GET http://[ HTTP/1.1`) is not the page.
    return null;
  }
  if (pathname === '/remote' || pathname === '/remote/') return '/remote.html';
  if (pathname.startsWith('/remote/assets/')) return pathname.slice('/remote'.length);
  return null;
}

/** A request under /preview/hls/, parsed; null for anything else. */
function previewUrl(url: string | undefined): URL | null {
  try {
    const parsed = new URL(url ?? '/', 'http://localhost');
    return parsed.pathname.startsWith(PREVIEW_HLS_PREFIX) ? parsed : null;
  } catch {
    return null;
  }
}

export interface RemoteServer {
  port: number;
  url: string;
  sessionCount(): number;
  close(): Promise<void>;
}

/** What RequestContext carries beyond types.ts: the batch mode the request runs in (Sleep needs it). */
export type TransportContext = RequestContext & { executionType: ExecutionTypeValue };

export const REMOTE_DEFAULTS = {
  port: 4455,
  bind: '127.0.0.1',
  maxSessions: 32,
  maxMessageBytes: 1 << 20,
  /** A connection that has not identified by then is closed, so idle sockets cannot hold the slots. */
  identifyTimeoutMs: 10_000,
  /** Peers that miss a ping for this long are dropped. */
  heartbeatMs: 30_000,
  /** How long close() waits for clients to finish the closing handshake. */
  closeGraceMs: 2_000,
} as const;

export async function startRemoteServer(opts: RemoteServerOptions): Promise<Result<RemoteServer>> {
  const { studio, registry, events, logger } = opts;
  const clock = opts.clock ?? systemClock;
  const maxSessions = opts.maxSessions ?? REMOTE_DEFAULTS.maxSessions;
  const maxMessageBytes = opts.maxMessageBytes ?? REMOTE_DEFAULTS.maxMessageBytes;

  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
    return fail(Status.InvalidRequestField, 'The remote control port must be a whole number from 1 to 65535.', 'port');
  }
  if (opts.password === '') {
    return fail(Status.InvalidRequestField, 'The remote control password is empty; set one, or turn authentication off.', 'password');
  }
  if (!Number.isInteger(maxSessions) || maxSessions < 1) {
    return fail(Status.InvalidRequestField, 'The remote control session limit must be at least 1.', 'maxSessions');
  }
  if (!Number.isInteger(maxMessageBytes) || maxMessageBytes < 1024) {
    return fail(Status.InvalidRequestField, 'The remote control message size limit must be at least 1024 bytes.', 'maxMessageBytes');
  }

  let httpServer: http.Server;
  const onHttpRequest = (req: IncomingMessage, res: http.ServerResponse): void => {
    // The producers' web remote lives on the same port, so a tablet needs one address only.
    // The producers' HLS preview (output/hls-preview.ts): its own token, checked on every file.
    const preview = previewUrl(req.url);
    if (preview && studio.previewHls) {
      void studio.previewHls.serve(req, res, preview).catch(() => res.destroy());
      return;
    }
    const page = opts.pageDir ? remotePagePath(req.url) : null;
    if (page !== null && opts.pageDir && (req.method === 'GET' || req.method === 'HEAD')) {
      void serveStatic(req, res, opts.pageDir, page).catch(() => res.destroy());
      return;
    }
    res.writeHead(426, { 'Content-Type': 'text/plain; charset=utf-8', Server: `broadcast-studio/${opts.version}` });
    res.end('This is the Broadcast Studio obs-websocket server: connect with an obs-websocket v5 client.\n');
  };
  if (opts.tls) {
    const tls = await loadTls(opts.tls);
    if (!tls.ok) return tls;
    try {
      httpServer = https.createServer({ cert: tls.value.cert, key: tls.value.key }, onHttpRequest);
    } catch (error) {
      return fail(Status.InvalidRequestField, `The TLS certificate or key is not usable: ${String(error)}`, 'tls');
    }
  } else {
    httpServer = http.createServer(onHttpRequest);
  }

  const codec = createCodec(maxMessageBytes);
  const auth = opts.password === null ? null : deriveSecret(opts.password);
  const throttle = new AuthThrottle(clock);
  const originAllowed = createOriginCheck(opts.allowedOrigins);
  const sessions = new Set<Session>();
  const refused = new Set<WebSocket>();
  let closing: Promise<void> | null = null;

  const context = (session: Session, executionType: ExecutionTypeValue): TransportContext => ({
    studio,
    session,
    executionType,
    broadcastCustomEvent: (eventData) =>
      broadcast({ eventType: 'CustomEvent', eventIntent: EventSubscription.General, eventData: isPlainObject(eventData) ? eventData : {} }),
    frameDurationMs: () => frameDurationMs(studio),
    sessionStats: () => ({ incomingMessages: session.incoming, outgoingMessages: session.outgoing }),
  });
  const deps: DispatchDeps = { codec, registry, auth, throttle, logger, context };

  function broadcast(event: RemoteEvent): void {
    if (closing) return;
    const intent = event?.eventIntent;
    if (typeof event?.eventType !== 'string' || !Number.isSafeInteger(intent) || intent <= 0) {
      logger.log('error', 'the event source produced a malformed obs-websocket event', { eventType: String(event?.eventType) });
      return;
    }
    const d: Record<string, unknown> = { eventType: event.eventType, eventIntent: intent };
    if (isPlainObject(event.eventData)) d['eventData'] = event.eventData;
    const message = { op: OpCode.Event, d };
    // High-volume events are the opt-in bits outside All; a backed-up peer may miss some of them.
    const highVolume = (intent & EventSubscription.All) === 0;
    const frames = new Map<Encoding, string | Uint8Array | null>();
    for (const session of sessions) {
      if (!session.identified || session.isClosing || (session.eventSubscriptions & intent) === 0) continue;
      let frame = frames.get(session.encoding);
      if (frame === undefined) {
        try {
          frame = codec.encode(session.encoding, message);
        } catch (error) {
          logger.log('error', 'an obs-websocket event could not be encoded', { eventType: event.eventType, error: String(error) });
          frame = null;
        }
        frames.set(session.encoding, frame);
      }
      if (frame !== null) session.sendFrame(frame, highVolume);
    }
  }

  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    maxPayload: maxMessageBytes,
    // Compression would let a small frame inflate to anything; OBS does not offer it either.
    perMessageDeflate: false,
    handleProtocols: (protocols) => negotiate([...protocols])?.echo ?? false,
  });

  /** Closes a connection that gets no session; tracked until gone, so close() can end it. */
  function turnAway(ws: WebSocket, code: number, reason: string): void {
    refused.add(ws);
    ws.once('close', () => refused.delete(ws));
    ws.on('error', () => undefined);
    ws.close(code, reason);
  }

  function accept(ws: WebSocket, req: IncomingMessage, encoding: Encoding): void {
    if (closing) return turnAway(ws, WsCloseCode.GoingAway, 'The studio is shutting down.');
    if (sessions.size >= maxSessions) {
      logger.log('warn', 'refused an obs-websocket connection: too many sessions', { maxSessions });
      return turnAway(ws, WsCloseCode.TryAgainLater, `The studio accepts at most ${maxSessions} remote sessions; close one and try again.`);
    }
    const session = new Session(
      randomUUID(),
      encoding,
      peerKey(req.socket.remoteAddress),
      auth ? randomToken() : null,
      ws,
      codec,
      clock,
      logger,
    );
    sessions.add(session);
    ws.on('message', (data: RawData, isBinary: boolean) => handleFrame(session, toBuffer(data), isBinary, deps));
    ws.on('pong', () => {
      session.alive = true;
    });
    // ws closes the connection itself after a protocol error (1002, 1007, 1009); just note it.
    ws.on('error', (error) => logger.log('debug', 'obs-websocket session error', { session: session.id, error: error.message }));
    ws.on('close', (code) => {
      sessions.delete(session);
      session.disarm();
      logger.log('debug', 'obs-websocket session closed', { session: session.id, code });
    });
    session.armIdentifyTimeout(REMOTE_DEFAULTS.identifyTimeoutMs, () =>
      session.close(WsCloseCode.PolicyViolation, 'You did not send Identify in time.'),
    );
    const hello: Record<string, unknown> = {
      obsStudioVersion: OBS_STUDIO_VERSION,
      obsWebSocketVersion: OBS_WEBSOCKET_VERSION,
      rpcVersion: RPC_VERSION,
    };
    if (auth && session.challenge) hello['authentication'] = { challenge: session.challenge, salt: auth.salt };
    session.send({ op: OpCode.Hello, d: hello });
  }

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    if (closing) return refuse(socket, 503, 'The studio is shutting down.');
    // With pageDir, the web remote we serve connects from our own origin (see createOriginCheck).
    if (!originAllowed(req.headers.origin, opts.pageDir ? req.headers.host : undefined, Boolean(opts.tls))) {
      logger.log('warn', 'refused an obs-websocket connection from a web page', { origin: String(req.headers.origin) });
      return refuse(socket, 403, 'This web page may not control the studio; add its origin to the allowed origins.');
    }
    const chosen = negotiate(offeredProtocols(req.headers['sec-websocket-protocol']));
    if (!chosen) return refuse(socket, 400, 'Unsupported WebSocket subprotocol: use obswebsocket.json or obswebsocket.msgpack.');
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, req, chosen.encoding));
  };
  httpServer.on('upgrade', onUpgrade);
  // Bad HTTP from a peer: drop that connection, never the server.
  httpServer.on('clientError', (_error, socket) => socket.destroy());

  const listening = await new Promise<Result<number>>((resolve) => {
    const onError = (error: NodeJS.ErrnoException): void => resolve(listenFailure(error, opts.bind, opts.port));
    httpServer.once('error', onError);
    httpServer.listen(opts.port, opts.bind, () => {
      httpServer.off('error', onError);
      const address = httpServer.address();
      resolve(ok(typeof address === 'object' && address ? address.port : opts.port));
    });
  });
  if (!listening.ok) {
    httpServer.close();
    wss.close();
    return listening;
  }
  httpServer.on('error', (error) => logger.log('error', 'the obs-websocket server socket failed', { error: error.message }));

  const subscription = events.subscribe((event) => {
    try {
      broadcast(event);
    } catch (error) {
      logger.log('error', 'an obs-websocket event could not be sent', { error: String(error) });
    }
  });
  const heartbeat: TimerHandle = clock.setInterval(() => {
    for (const session of sessions) {
      if (!session.alive) session.terminate();
      else session.ping();
    }
  }, REMOTE_DEFAULTS.heartbeatMs);

  const port = listening.value;
  const url = `${opts.tls ? 'wss' : 'ws'}://${opts.bind.includes(':') ? `[${opts.bind}]` : opts.bind}:${port}`;
  logger.log('info', 'obs-websocket server listening', { url, authentication: auth !== null, version: opts.version });
  if (!isLoopback(opts.bind)) {
    logger.log('warn', auth ? 'the obs-websocket server is reachable from the network' : 'the obs-websocket server is reachable from the network WITHOUT a password', { bind: opts.bind });
  }

  async function shutdown(): Promise<void> {
    subscription.dispose();
    clock.clearInterval(heartbeat);
    httpServer.off('upgrade', onUpgrade);
    const open = [...sessions];
    const closed = Promise.all(
      open.map((session) => new Promise<void>((resolve) => (session.isClosed ? resolve() : session.onClosed(resolve)))),
    );
    for (const session of open) session.close(WsCloseCode.GoingAway, 'The studio is shutting down.');
    // Real time, not the injected clock: this waits on real peers, and a fake clock must not hang it.
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([closed, new Promise<void>((resolve) => (grace = setTimeout(resolve, REMOTE_DEFAULTS.closeGraceMs)))]);
    clearTimeout(grace);
    for (const session of sessions) session.terminate();
    sessions.clear();
    for (const ws of refused) ws.terminate();
    refused.clear();
    wss.close();
    await new Promise<void>((resolve) => {
      httpServer.close(() => resolve());
      httpServer.closeAllConnections();
    });
    logger.log('info', 'obs-websocket server closed', { url });
  }

  return ok({
    port,
    url,
    sessionCount: () => sessions.size,
    close: () => (closing ??= shutdown()),
  });
}

function refuse(socket: Duplex, status: number, text: string): void {
  const body = `${text}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    () => socket.destroy(),
  );
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

function frameDurationMs(studio: Studio): number {
  try {
    const { fpsNumerator, fpsDenominator } = studio.document().video;
    if (fpsNumerator > 0 && fpsDenominator > 0) return (1000 * fpsDenominator) / fpsNumerator;
  } catch {
    // Fall through to the common default.
  }
  return 1000 / 30;
}

function isLoopback(bind: string): boolean {
  return bind === 'localhost' || bind === '::1' || bind.startsWith('127.');
}

function listenFailure(error: NodeJS.ErrnoException, bind: string, port: number): Result<never> {
  switch (error.code) {
    case 'EADDRINUSE':
      return fail(Status.CreationFailed, `Port ${port} on ${bind} is already in use (is OBS running?); choose another remote control port.`, 'port');
    case 'EACCES':
      return fail(Status.CreationFailed, `Port ${port} needs administrator rights; choose a remote control port above 1023.`, 'port');
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return fail(Status.CreationFailed, `${bind} is not an address of this computer; choose another remote control bind address.`, 'bind');
    default:
      return fail(Status.CreationFailed, `The remote control server could not listen on ${bind}:${port} (${error.code ?? error.message}).`);
  }
}
