/**
 * The renderer ↔ engine WebSocket of server mode (STUDIO_SOCKET_PATH): one connection is one
 * renderer session. Text messages carry calls and stats, binary messages carry frames.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import {
  FRAME_HEADER_BYTES,
  STUDIO_SOCKET_PATH,
  Status,
  VIDEO_LIMITS,
  fail,
  nv12Bytes,
  type ServerMessage,
} from '../shared';
import type { Disposable, Logger, RendererSession, Studio } from '../engine/api';
import { OPEN_PRINTED_URL } from './access';
import { parseClientMessage } from './messages';

/** The largest frame message: one full-size NV12 frame plus its header (audio chunks are far smaller). */
export const MAX_FRAME_BYTES = FRAME_HEADER_BYTES + nv12Bytes(VIDEO_LIMITS.maxWidth, VIDEO_LIMITS.maxHeight);
/**
 * The largest message of any kind. A screenshot answer (renderer.captureResult) is a data: URL of up
 * to 4096×4096 pixels, far larger than a frame; this socket only accepts same-origin pages on
 * loopback, so the higher cap does not open it to strangers.
 */
export const MAX_MESSAGE_BYTES = 48 * 1024 * 1024;
/** Events are small; this much queued means the peer stopped reading, which we report, not hide. */
const BACKLOG_WARN_BYTES = 16 * 1024 * 1024;

export interface SocketBridgeOptions {
  studio: Studio;
  logger: Logger;
  /** Origins a browser may connect from (this server's own). Evaluated per upgrade. */
  allowedOrigins: () => ReadonlySet<string>;
  /** Whether the upgrade request carries this run's secret (see access.ts); checked before Origin. */
  authorized: (req: IncomingMessage) => boolean;
}

export function attachStudioSocket(server: Server, opts: SocketBridgeOptions): Disposable {
  const { studio, logger } = opts;
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: MAX_MESSAGE_BYTES });
  let nextId = 1;

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      // A request line no URL parser accepts: refuse it here, where a throw would end the process.
      return refuse(socket, 400, 'Bad Request');
    }
    if (pathname !== STUDIO_SOCKET_PATH) return refuse(socket, 404, 'Not Found');
    // Any local program can forge an Origin; only this run's secret proves the page is ours.
    if (!opts.authorized(req)) {
      logger.log('warn', 'refused a studio socket without this run\'s secret', { origin: req.headers.origin ?? '(none)' });
      return refuse(socket, 401, 'Unauthorized', OPEN_PRINTED_URL);
    }
    // Browsers always send Origin; refusing other origins stops any web page from driving the studio.
    const origin = req.headers.origin;
    if (!origin || !opts.allowedOrigins().has(origin)) {
      logger.log('warn', 'refused a studio socket from a foreign origin', { origin: origin ?? '(none)' });
      return refuse(socket, 403, 'Forbidden');
    }
    wss.handleUpgrade(req, socket, head, (ws) => connect(ws));
  };
  server.on('upgrade', onUpgrade);

  function connect(ws: WebSocket): void {
    const id = nextId++;
    let warnedAt = -Infinity;
    const send = (message: ServerMessage): void => {
      if (ws.readyState !== WebSocket.OPEN) return;
      if (ws.bufferedAmount > BACKLOG_WARN_BYTES && performance.now() - warnedAt > 5000) {
        warnedAt = performance.now();
        logger.log('warn', 'a renderer is not reading its socket', { session: id, bufferedBytes: ws.bufferedAmount });
      }
      ws.send(JSON.stringify(message));
    };
    let session: RendererSession;
    try {
      session = studio.openRendererSession({
        event: (event) => send({ t: 'event', event }),
        ack: (sequence) => send({ t: 'ack', sequence }),
      });
    } catch (error) {
      logger.log('error', 'could not open a renderer session', { error: String(error) });
      ws.close(1011, 'The studio could not open a session.');
      return;
    }
    logger.log('info', 'renderer connected', { session: id });

    ws.on('message', (data: RawData, isBinary: boolean) => {
      const bytes = toBuffer(data);
      if (isBinary) {
        if (bytes.byteLength > MAX_FRAME_BYTES) {
          // No frame is that large: a confused or hostile peer. Only text answers may be bigger.
          ws.close(1009, 'A binary message larger than any frame was refused.');
          return;
        }
        try {
          session.frame(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
        } catch (error) {
          logger.log('warn', 'dropped a frame message the engine refused', { session: id, error: String(error) });
        }
        return;
      }
      const parsed = parseClientMessage(bytes.toString('utf8'));
      if (!parsed.ok) {
        logger.log('warn', 'dropped a malformed socket message', { session: id, reason: parsed.reason });
        if (parsed.id !== undefined) {
          send({ t: 'reply', id: parsed.id, result: fail(Status.InvalidRequestField, `The message was refused: ${parsed.reason}.`) });
        }
        return;
      }
      const message = parsed.message;
      if (message.t === 'stats') {
        try {
          session.stats(message.stats);
        } catch (error) {
          logger.log('warn', 'renderer stats were refused', { session: id, error: String(error) });
        }
        return;
      }
      void Promise.resolve()
        .then(() => session.call(message.type, message.args))
        .catch((error: unknown) => {
          logger.log('error', 'a renderer call failed unexpectedly', { session: id, type: message.type, error: String(error) });
          return fail(Status.RequestProcessingFailed, `The studio could not run ${message.type}.`);
        })
        .then((result) => send({ t: 'reply', id: message.id, result }))
        .catch((error: unknown) => logger.log('error', 'could not send a reply', { session: id, error: String(error) }));
    });
    ws.on('error', (error) => logger.log('warn', 'renderer socket error', { session: id, error: error.message }));
    ws.once('close', (code) => {
      logger.log('info', 'renderer disconnected', { session: id, code });
      try {
        session.dispose();
      } catch (error) {
        logger.log('error', 'a renderer session did not close cleanly', { session: id, error: String(error) });
      }
    });
  }

  return {
    dispose() {
      server.off('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.close(1001, 'The studio is shutting down.');
      // terminate() skips the closing handshake a stalled peer might never answer; close events still fire.
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}

function refuse(socket: Duplex, status: number, text: string, body = ''): void {
  socket.on('error', () => socket.destroy());
  const bytes = Buffer.from(body, 'utf8');
  // end() flushes the status line before closing; the peer sees a clear HTTP refusal.
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${bytes.length}\r\n\r\n${body}`,
  );
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
