/**
 * A live HLS stream over plain HTTP, as a CDN or a media server offers one: FFmpeg writes a
 * playlist and one-second segments into a temp folder in real time, and a node:http server on
 * loopback serves the folder. The server can stop (every connection cut) and come back on the same
 * port while FFmpeg keeps writing, which is what a pull's reconnect meets in the field.
 */
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { publishTsStream } from './ts-publisher';
import type { Publisher } from './publisher';

export interface HlsServer {
  port: number;
  /** http(s)://127.0.0.1:PORT/<name> */
  url(name: string): string;
  /** Requests answered so far (any status). */
  requests(): number;
  /** Cuts every connection and stops listening; FFmpeg keeps writing. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  /** Stops the server and FFmpeg. */
  close(): Promise<void>;
  publisher: Publisher;
}

export interface HlsServerOptions {
  colour?: string;
  /** Serve over HTTPS with this certificate and key (PEM), as a CDN does. */
  tls?: { cert: string | Buffer; key: string | Buffer };
}

export async function startHlsServer(dir: string, opts: HlsServerOptions = {}): Promise<HlsServer> {
  const publisher = publishTsStream(path.join(dir, 'live.m3u8'), {
    colour: opts.colour ?? 'lime',
    format: ['-f', 'hls', '-hls_time', '1', '-hls_list_size', '4', '-hls_flags', 'delete_segments+temp_file'],
  });
  let requests = 0;
  const handler: http.RequestListener = (req, res) => {
    requests++;
    // Only names FFmpeg wrote: no path can leave the folder.
    const name = path.basename(new URL(req.url ?? '/', 'http://x').pathname);
    readFile(path.join(dir, name)).then(
      (bytes) => {
        res.setHeader('content-type', name.endsWith('.m3u8') ? 'application/vnd.apple.mpegurl' : 'video/mp2t');
        res.end(bytes);
      },
      () => {
        res.statusCode = 404;
        res.end();
      },
    );
  };
  const server = opts.tls ? https.createServer({ cert: opts.tls.cert, key: opts.tls.key }, handler) : http.createServer(handler);
  const listen = (port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const port = await listen(0);
  let listening = true;
  const stop = async (): Promise<void> => {
    if (!listening) return;
    listening = false;
    const closed = new Promise<void>((r) => server.close(() => r()));
    server.closeAllConnections();
    await closed;
  };
  return {
    port,
    url: (name) => `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}/${name}`,
    requests: () => requests,
    stop,
    async start() {
      if (listening) return;
      await listen(port);
      listening = true;
    },
    async close() {
      await stop();
      await publisher.stop();
    },
    publisher,
  };
}
