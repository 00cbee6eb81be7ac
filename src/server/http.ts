/**
 * Server mode's HTTP server: the studio UI, /healthz, /media and the renderer socket, on loopback
 * only. Requests naming another Host are refused so a DNS-rebinding page cannot reach it either.
 * Everything but the UI's static files and /healthz needs this run's secret (./access.ts).
 */
import http from 'node:http';
import { stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { MEDIA_PATH, NETWORK_STREAM_PREFIX, STUDIO_SESSION_PATH, Status, fail, ok, type Result } from '../shared';
import type { Logger, Studio } from '../engine/api';
import { mimeType } from '../engine/http/mime';
import { sendJson, setCommonHeaders } from '../engine/http/respond';
import { OPEN_PRINTED_URL, TICKET_PARAM, TOKEN_PARAM, createAccess, type Access } from './access';
import { attachStudioSocket } from './socket';
import { serveStatic } from '../engine/http/static';
import { sendFileRange } from '../engine/http/range';
import { serveNetworkStream } from '../engine/http/network-stream';

export interface StudioServerOptions {
  studio: Studio;
  logger: Logger;
  /** The built UI: out/renderer. */
  rendererDir: string;
  version: string;
  /** 0 = any free port. */
  port: number;
  /** Defaults to 127.0.0.1; the studio is never exposed beyond the machine. */
  host?: string;
  /** Host-side parts of GET /healthz (server mode's GL backend: `renderer`). */
  extraHealth?: () => Record<string, unknown>;
}

export interface StudioServer {
  /** http://127.0.0.1:PORT/ */
  readonly url: string;
  /** The URL to print: `url` with this run's secret, which a browser trades for its cookie. */
  readonly launchUrl: string;
  readonly port: number;
  /** A single-use URL for a browser the studio starts itself (its argv is readable by others). */
  ticketUrl(query?: string): string;
  /** Closes the renderer sockets and every open connection. */
  close(): Promise<void>;
}

export async function startStudioServer(opts: StudioServerOptions): Promise<Result<StudioServer>> {
  const host = opts.host ?? '127.0.0.1';
  const started = performance.now();
  let port = opts.port;
  let access: Access | null = null;
  const hosts = (): Set<string> => new Set([`${host}:${port}`, `localhost:${port}`]);
  const origins = (): Set<string> => new Set([...hosts()].map((h) => `http://${h}`));

  const server = http.createServer((req, res) => {
    setCommonHeaders(res);
    handle(req, res).catch((error: unknown) => {
      opts.logger.log('error', 'request failed', { url: req.url, error: String(error) });
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { message: 'The studio could not answer that request.' } });
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!req.headers.host || !hosts().has(req.headers.host.toLowerCase())) {
      sendJson(res, 421, { ok: false, error: { message: `Use http://${host}:${port}/ to reach the studio.` } });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      sendJson(res, 405, { ok: false, error: { message: `${req.method ?? 'That method'} is not supported here.` } });
      return;
    }
    const url = new URL(req.url ?? '/', `http://${host}:${port}`);
    if (url.pathname === '/healthz') {
      sendJson(res, 200, {
        ...opts.studio.health(),
        ...opts.extraHealth?.(),
        version: opts.version,
        uptimeSec: Math.round((performance.now() - started) / 1000),
      });
      return;
    }
    if (!access) {
      sendJson(res, 503, { ok: false, error: { message: 'The studio is still starting; try again in a moment.' } });
      return;
    }
    if (url.searchParams.has(TOKEN_PARAM) || url.searchParams.has(TICKET_PARAM)) return admit(res, url, access);
    const allowed = access.allows(req);
    if (url.pathname === STUDIO_SESSION_PATH) {
      if (allowed) sendJson(res, 200, ok(null));
      else sendJson(res, 401, fail(Status.NotReady, OPEN_PRINTED_URL));
      return;
    }
    if (url.pathname === MEDIA_PATH) {
      if (!allowed) {
        sendJson(res, 401, fail(Status.NotReady, OPEN_PRINTED_URL));
        return;
      }
      const requested = url.searchParams.get('path');
      // A network stream source's live bytes (engine/media/network-sources.ts), same access rule.
      if (requested?.startsWith(NETWORK_STREAM_PREFIX)) return serveNetworkStream(opts.studio, requested, req, res);
      return serveMedia(req, res, requested);
    }
    // The UI's own files hold nothing of the user's: they may load without the cookie, and then
    // tell the user which URL to open.
    return serveStatic(req, res, opts.rendererDir, url.pathname);
  }

  /** Trades a valid token or ticket for the cookie and sends the browser on without it. */
  function admit(res: http.ServerResponse, url: URL, gate: Access): void {
    if (!gate.redeem(url.searchParams)) {
      res.statusCode = 401;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end(`${OPEN_PRINTED_URL}\n`);
      return;
    }
    url.searchParams.delete(TOKEN_PARAM);
    url.searchParams.delete(TICKET_PARAM);
    res.statusCode = 303;
    res.setHeader('Set-Cookie', gate.cookie());
    // The secret leaves the address bar (and the history) at once.
    res.setHeader('Location', `${url.pathname}${url.search}`);
    res.end();
  }

  async function serveMedia(req: http.IncomingMessage, res: http.ServerResponse, requested: string | null): Promise<void> {
    // Only files the document refers to: the renderer cannot use this to read anything else.
    const file = requested ? opts.studio.resolveMediaPath(requested) : null;
    const info = file ? await stat(file).catch(() => null) : null;
    if (!file || !info?.isFile()) {
      sendJson(res, 404, fail(Status.ResourceNotFound, 'No media file of the studio document is at that path.'));
      return;
    }
    // Range requests: a <video> needs them to seek and loop (engine/http/range.ts).
    await sendFileRange(req, res, file, info.size, mimeType(file));
  }

  const socket = attachStudioSocket(server, {
    studio: opts.studio,
    logger: opts.logger,
    allowedOrigins: origins,
    authorized: (req) => access?.allows(req) ?? false,
  });

  const listening = await new Promise<Result<null>>((resolve) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      resolve(fail(Status.ActionFailed, listenErrorMessage(error, host, opts.port)));
    };
    server.once('error', onError);
    server.listen(opts.port, host, () => {
      server.off('error', onError);
      // Before any request is read: no request ever meets a server without its secret.
      access = createAccess((server.address() as AddressInfo).port);
      resolve(ok(null));
    });
  });
  if (!listening.ok) {
    socket.dispose();
    return listening;
  }
  port = (server.address() as AddressInfo).port;
  server.on('error', (error) => opts.logger.log('error', 'HTTP server error', { error: error.message }));

  let closing: Promise<void> | null = null;
  const gate = access as Access | null;
  if (!gate) throw new Error('the server listened without creating its access secret');
  const base = `http://${host}:${port}/`;
  return ok({
    url: base,
    launchUrl: `${base}?${TOKEN_PARAM}=${gate.token}`,
    ticketUrl: (query) => `${base}?${query ? `${query}&` : ''}${TICKET_PARAM}=${gate.ticket()}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        socket.dispose();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  });
}

function listenErrorMessage(error: NodeJS.ErrnoException, host: string, port: number): string {
  if (error.code === 'EADDRINUSE') {
    return `Port ${port} on ${host} is already in use; stop the program using it or choose another with --port N (--port 0 picks a free one).`;
  }
  if (error.code === 'EACCES') return `Not allowed to listen on port ${port}; choose a port above 1023 with --port N.`;
  return `Could not listen on ${host}:${port}: ${error.message}`;
}
