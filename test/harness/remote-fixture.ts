/**
 * Fixtures for the obs-websocket transport tests: a real Studio, a tiny RequestRegistry and a
 * RemoteEventSource the test drives, the real server, and a raw `ws` client for the frames a
 * well-behaved library would never send.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { decode, encode } from '@msgpack/msgpack';
import { createStudio } from '../../src/engine/studio';
import type { Disposable, Logger, LogLevel, Studio } from '../../src/engine/api';
import type { RemoteEvent, RemoteEventSource, RequestHandler, RequestRegistry } from '../../src/engine/remote/types';
import { startRemoteServer, type RemoteServer, type RemoteServerOptions, type TransportContext } from '../../src/engine/remote/server';

export const resourcesDir = path.resolve(import.meta.dirname, '../../resources');

export class TestEvents implements RemoteEventSource {
  private readonly listeners = new Set<(event: RemoteEvent) => void>();
  subscribe(listener: (event: RemoteEvent) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
  emit(event: RemoteEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
  listenerCount(): number {
    return this.listeners.size;
  }
  dispose(): void {
    this.listeners.clear();
  }
}

export interface LogLine {
  level: LogLevel;
  message: string;
  fields?: Record<string, unknown>;
}

export function memoryLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  return { lines, log: (level, message, fields) => void lines.push({ level, message, fields }) };
}

const ok = (responseData?: Record<string, unknown>) => ({ requestStatus: { result: true, code: 100 }, responseData });
const err = (code: number, comment: string) => ({ requestStatus: { result: false, code, comment } });

/**
 * Requests for the tests: GetVersion, Echo, Fail, Throw, Garbage (a malformed outcome), Slow,
 * Rendezvous (succeeds only when `count` of them run at once), Sleep, GetStats, BroadcastCustomEvent.
 */
export function testRegistry(limits: { maxSleepMs: number } = { maxSleepMs: 50_000 }): RequestRegistry & Disposable {
  const timers = new Set<NodeJS.Timeout>();
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });
  const meetings = new Map<string, { arrived: number; release: Array<() => void> }>();
  const handlers: Record<string, RequestHandler> = {
    GetVersion: () =>
      ok({ obsWebSocketVersion: '5.5.0', rpcVersion: 1, availableRequests: Object.keys(handlers), supportedImageFormats: ['png'] }),
    Echo: (_ctx, data) => ok(data ?? {}),
    Fail: () => err(600, 'No source was found by that name.'),
    Throw: () => {
      throw new Error('the handler exploded');
    },
    Garbage: () => 42 as never,
    Slow: async (_ctx, data) => {
      const ms = Math.min(Number(data?.['ms'] ?? 10) || 0, 200);
      await wait(ms);
      return ok({ ms });
    },
    Rendezvous: async (_ctx, data) => {
      const key = String(data?.['key'] ?? 'k');
      const count = Number(data?.['count'] ?? 2);
      const meeting = meetings.get(key) ?? { arrived: 0, release: [] };
      meetings.set(key, meeting);
      meeting.arrived += 1;
      if (meeting.arrived >= count) {
        for (const release of meeting.release.splice(0)) release();
        return ok({ met: true });
      }
      const met = await Promise.race([
        new Promise<boolean>((resolve) => meeting.release.push(() => resolve(true))),
        wait(Math.min(Number(data?.['timeoutMs'] ?? 300), 2000)).then(() => false),
      ]);
      return met ? ok({ met: true }) : err(702, 'The others never arrived.');
    },
    Sleep: async (ctx, data) => {
      const mode = (ctx as TransportContext).executionType;
      if (mode === 0) {
        const ms = data?.['sleepMillis'];
        if (typeof ms !== 'number' || ms < 0 || ms > limits.maxSleepMs) return err(402, 'sleepMillis is out of range.');
        await wait(ms);
        return ok();
      }
      if (mode === 1) {
        const frames = data?.['sleepFrames'];
        if (typeof frames !== 'number' || frames < 0 || frames * ctx.frameDurationMs() > limits.maxSleepMs) {
          return err(402, 'sleepFrames is out of range.');
        }
        await wait(frames * ctx.frameDurationMs());
        return ok({ waitedMs: frames * ctx.frameDurationMs() });
      }
      return err(206, 'Sleep only works in SerialRealtime and SerialFrame batches.');
    },
    GetStats: (ctx) => {
      const stats = ctx.sessionStats();
      return ok({ webSocketSessionIncomingMessages: stats.incomingMessages, webSocketSessionOutgoingMessages: stats.outgoingMessages });
    },
    BroadcastCustomEvent: (ctx, data) => {
      const eventData = data?.['eventData'];
      if (typeof eventData !== 'object' || eventData === null || Array.isArray(eventData)) return err(300, 'eventData is missing.');
      ctx.broadcastCustomEvent(eventData as Record<string, unknown>);
      return ok();
    },
  };
  return {
    get: (type) => (Object.hasOwn(handlers, type) ? handlers[type] : undefined),
    list: () => Object.keys(handlers),
    dispose: () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}

export interface Fixture {
  studio: Studio;
  events: TestEvents;
  registry: RequestRegistry & Disposable;
  logger: ReturnType<typeof memoryLogger>;
  /** Starts a server on a free loopback port; every one started is closed by dispose(). */
  start(opts?: Partial<RemoteServerOptions>): Promise<RemoteServer>;
  dispose(): Promise<void>;
}

export async function createFixture(registryLimits?: { maxSleepMs: number }): Promise<Fixture> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'studio-remote-'));
  const logger = memoryLogger();
  const studio = await createStudio({ dataDir, resourcesDir, logger });
  const events = new TestEvents();
  const registry = testRegistry(registryLimits);
  const servers: RemoteServer[] = [];
  return {
    studio,
    events,
    registry,
    logger,
    async start(opts = {}) {
      const started = await startRemoteServer({
        studio,
        registry,
        events,
        logger,
        port: 0,
        bind: '127.0.0.1',
        password: 'correct horse',
        version: 'test',
        ...opts,
      });
      if (!started.ok) throw new Error(started.error.message);
      servers.push(started.value);
      return started.value;
    },
    async dispose() {
      await Promise.all(servers.splice(0).map((s) => s.close()));
      registry.dispose();
      await studio.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** b64(sha256(b64(sha256(password + salt)) + challenge)), written out independently of the server. */
export function authString(password: string, salt: string, challenge: string): string {
  const secret = createHash('sha256').update(password + salt).digest('base64');
  return createHash('sha256').update(secret + challenge).digest('base64');
}

export interface Message {
  op: number;
  d: Record<string, unknown>;
}

/** A raw obs-websocket client: sends exactly what it is told, records everything it gets back. */
export class RawClient {
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly queue: Message[] = [];
  private readonly waiters: Array<(m: Message | null) => void> = [];
  private done = false;

  private constructor(
    readonly ws: WebSocket,
    readonly encoding: 'json' | 'msgpack',
  ) {
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        this.done = true;
        for (const waiter of this.waiters.splice(0)) waiter(null);
        resolve({ code, reason: reason.toString('utf8') });
      });
    });
    ws.on('error', () => undefined);
    ws.on('message', (data: Buffer, isBinary) => {
      let message: Message;
      try {
        message = (isBinary ? decode(data) : JSON.parse(data.toString('utf8'))) as Message;
      } catch (error) {
        // Something the server sent that no client could read: surfaces as op -1 for the test to see.
        message = { op: -1, d: { error: String(error) } };
      }
      const waiter = this.waiters.shift();
      if (waiter) waiter(message);
      else this.queue.push(message);
    });
  }

  /** Opens a connection; rejects with the HTTP status when the upgrade is refused. */
  static open(
    url: string,
    opts: { protocol?: string | string[] | null; origin?: string; ca?: string; maxPayload?: number; headers?: Record<string, string> } = {},
  ): Promise<RawClient> {
    const protocol = opts.protocol === undefined ? 'obswebsocket.json' : opts.protocol;
    const ws = new WebSocket(url, protocol ?? [], {
      ...(opts.origin ? { origin: opts.origin } : {}),
      ...(opts.ca ? { ca: opts.ca } : {}),
      ...(opts.headers ? { headers: opts.headers } : {}),
      maxPayload: opts.maxPayload ?? 100 * 1024 * 1024,
    });
    return new Promise((resolve, reject) => {
      ws.once('unexpected-response', (_req, res) => {
        reject(Object.assign(new Error(`refused with HTTP ${res.statusCode}`), { status: res.statusCode }));
        res.resume();
        ws.terminate();
      });
      ws.once('error', reject);
      ws.once('open', () => {
        ws.off('error', reject);
        resolve(new RawClient(ws, ws.protocol === 'obswebsocket.msgpack' ? 'msgpack' : 'json'));
      });
    });
  }

  /** The next message, or null once the connection has closed. */
  next(): Promise<Message | null> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    if (this.done) return Promise.resolve(null);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Waits for a message matching the predicate, skipping others (events, say). */
  async until(match: (m: Message) => boolean): Promise<Message> {
    for (;;) {
      const m = await this.next();
      if (!m) throw new Error('the connection closed while waiting for a message');
      if (match(m)) return m;
    }
  }

  send(message: unknown): void {
    if (this.encoding === 'msgpack') this.ws.send(encode(message), { binary: true });
    else this.ws.send(JSON.stringify(message), { binary: false });
  }

  /** Reads Hello and identifies; returns Hello's data. */
  async identify(password: string | null, extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const hello = await this.next();
    if (!hello || hello.op !== 0) throw new Error('no Hello');
    const auth = hello.d['authentication'] as { salt: string; challenge: string } | undefined;
    const d: Record<string, unknown> = { rpcVersion: 1, ...extra };
    if (auth && password !== null) d['authentication'] = authString(password, auth.salt, auth.challenge);
    this.send({ op: 1, d });
    const identified = await this.next();
    if (!identified || identified.op !== 2) throw new Error(`not identified: ${JSON.stringify(await this.closed)}`);
    return hello.d;
  }

  close(): void {
    this.ws.close();
  }
}
