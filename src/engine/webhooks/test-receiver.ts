/**
 * A webhook receiver on loopback for tests (unit and integration): a real HTTP server that checks
 * every signature with verify() and records what arrived, in arrival order. How it answers is up
 * to the test: a status, or 'hang' (headers never sent) to play a receiver that has stopped.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verify } from './sign';

export interface Received {
  /** X-Studio-Delivery */
  delivery: string;
  /** X-Studio-Event */
  event: string;
  attempt: number;
  body: string;
  json: { id: string; event: string; timestamp: string; studio: string; data: Record<string, unknown> };
  /** The signature checked out against the receiver's secret, within the default tolerance. */
  valid: boolean;
  headers: http.IncomingHttpHeaders;
  /** Date.now() when the body had arrived. */
  at: number;
}

/** `n` counts requests from 1, in arrival order. */
export type Answer = (r: Received, n: number) => number | 'hang' | { status: number; headers: Record<string, string> };

export interface Receiver {
  url: string;
  received: Received[];
  /** Requests answered 'hang' whose connection the sender has since closed. */
  closedHung(): number;
  /** Requests answered 'hang' still open. */
  openHung(): number;
  setAnswer(answer: Answer): void;
  close(): Promise<void>;
}

export async function startReceiver(secret: () => string, answer: Answer = () => 204, path = '/hook'): Promise<Receiver> {
  const received: Received[] = [];
  const hung = new Set<http.ServerResponse>();
  let closed = 0;
  let current = answer;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const header = (name: string): string | undefined => {
        const v = req.headers[name];
        return Array.isArray(v) ? v[0] : v;
      };
      const r: Received = {
        delivery: header('x-studio-delivery') ?? '',
        event: header('x-studio-event') ?? '',
        attempt: Number(header('x-studio-attempt')),
        body,
        json: JSON.parse(body) as Received['json'],
        valid: verify({ secret: secret(), body, timestamp: header('x-studio-timestamp'), signature: header('x-studio-signature') }),
        headers: req.headers,
        at: Date.now(),
      };
      received.push(r);
      const a = current(r, received.length);
      if (a === 'hang') {
        hung.add(res);
        res.on('close', () => {
          if (hung.delete(res)) closed++;
        });
        return;
      }
      const { status, headers } = typeof a === 'number' ? { status: a, headers: {} } : a;
      res.writeHead(status, headers).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    closedHung: () => closed,
    openHung: () => hung.size,
    setAnswer: (a) => (current = a),
    async close() {
      const open = [...hung];
      hung.clear(); // first, so closing them here is not counted as the sender's doing
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A loopback port where nothing listens (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
