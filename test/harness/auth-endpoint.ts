/**
 * A loopback HTTP endpoint for nginx-rtmp's on_publish: it answers 2xx for the stream keys it is
 * told to accept and 403 for any other, and counts every publish attempt per key, so a test can see
 * whether a rejected destination keeps retrying.
 */
import http from 'node:http';

export interface AuthEndpoint {
  port: number;
  /** Keys answered with 2xx; change it at any time. */
  accept: Set<string>;
  /** Publish attempts seen, by stream key. */
  attempts(key: string): number;
  close(): Promise<void>;
}

export interface AuthEndpointOptions {
  /**
   * Decides instead of the key list: gets nginx-rtmp's whole on_publish form (app, name, and the
   * publish URL's own query parameters such as auth_key).
   */
  verify?: (form: URLSearchParams) => boolean;
}

export async function startAuthEndpoint(accept: Iterable<string> = [], opts: AuthEndpointOptions = {}): Promise<AuthEndpoint> {
  const allowed = new Set(accept);
  const seen = new Map<string, number>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      // nginx-rtmp posts the publish as a form: …&call=publish&name=<key>&…
      const form = new URLSearchParams(body);
      const name = form.get('name') ?? '';
      seen.set(name, (seen.get(name) ?? 0) + 1);
      res.statusCode = (opts.verify ? opts.verify(form) : allowed.has(name)) ? 200 : 403;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    accept: allowed,
    attempts: (key) => seen.get(key) ?? 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
