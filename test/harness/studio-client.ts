/**
 * A test-side renderer session over the server-mode WebSocket: calls commands and records events.
 * It never claims output, so it never sends frames; the compositor page does that.
 */
import WebSocket from 'ws';
import type { CommandArgs, CommandResult, CommandType, Result, ServerMessage, StudioEvent } from '../../src/shared';
import { STUDIO_SOCKET_PATH } from '../../src/shared';

export interface StudioClient {
  call<T extends CommandType>(type: T, args: CommandArgs<T>): Promise<Result<CommandResult<T>>>;
  /** Same as call, but throws with the engine's message when the result is an error. */
  must<T extends CommandType>(type: T, args: CommandArgs<T>): Promise<CommandResult<T>>;
  events: StudioEvent[];
  waitFor<E extends StudioEvent>(predicate: (e: StudioEvent) => e is E, timeoutMs?: number): Promise<E>;
  waitFor(predicate: (e: StudioEvent) => boolean, timeoutMs?: number): Promise<StudioEvent>;
  close(): void;
}

/** `server`: a running server mode's base URL and the Cookie header its secret grants (see access.ts). */
export async function connectStudio(server: { url: string; cookie: string }): Promise<StudioClient> {
  const origin = server.url.replace(/\/$/, '');
  const ws = new WebSocket(`${origin.replace(/^http/, 'ws')}${STUDIO_SOCKET_PATH}`, { origin, headers: { Cookie: server.cookie } });
  const events: StudioEvent[] = [];
  const waiters = new Set<{ predicate: (e: StudioEvent) => boolean; resolve: (e: StudioEvent) => void }>();
  const pending = new Map<number, (r: Result<unknown>) => void>();
  let nextId = 1;
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    const message = JSON.parse(data.toString()) as ServerMessage;
    if (message.t === 'reply') pending.get(message.id)?.(message.result);
    if (message.t === 'event') {
      events.push(message.event);
      for (const waiter of [...waiters]) {
        if (waiter.predicate(message.event)) {
          waiters.delete(waiter);
          waiter.resolve(message.event);
        }
      }
    }
  });
  // Listen before the socket opens: the engine replays its state the moment the session starts.
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const call = <T extends CommandType>(type: T, args: CommandArgs<T>): Promise<Result<CommandResult<T>>> =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, (r) => {
        pending.delete(id);
        resolve(r as Result<CommandResult<T>>);
      });
      ws.send(JSON.stringify({ t: 'call', id, type, args }));
    });
  return {
    call,
    async must(type, args) {
      const result = await call(type, args);
      if (!result.ok) throw new Error(`${type} failed: ${result.error.message}`);
      return result.value;
    },
    events,
    waitFor(predicate: (e: StudioEvent) => boolean, timeoutMs = 30_000): Promise<StudioEvent> {
      const seen = events.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = { predicate, resolve: (e: StudioEvent) => (clearTimeout(timer), resolve(e)) };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`event not seen within ${timeoutMs} ms; last events: ${JSON.stringify(events.slice(-5)).slice(0, 2000)}`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close: () => ws.close(),
  } as StudioClient;
}

/**
 * Resolves once the output has written a picture the compositor drew, counting only stats that
 * arrive after this call: the positive signal that what is recorded or streamed from now on is the
 * program, not the black an encoder gets before the compositor's first frame. Call it before
 * starting the output. A run's final stats (fps 0) do not count.
 */
export async function nextProgramPicture(client: StudioClient, timeoutMs = 60_000): Promise<void> {
  const before = new Set(client.events);
  await client.waitFor((e) => !before.has(e) && e.type === 'stream.stats' && (e.data.stats.fresh ?? 0) > 0 && e.data.stats.fps > 0, timeoutMs);
}
