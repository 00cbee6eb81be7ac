/**
 * A minimal Chrome DevTools Protocol client over --remote-debugging-pipe: JSON messages ending in
 * NUL, written to the browser's fd 3 and read from its fd 4. A pipe, not a port, so no other process
 * or page on the machine can reach the browser's debugger.
 */
import type { Readable, Writable } from 'node:stream';

type Params = Record<string, unknown>;
type EventHandler = (params: Params, sessionId: string | undefined) => void;

interface Pending {
  resolve(value: Params): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** A call the browser never answered: it is busy beyond reason, or wedged. */
export class CdpTimeout extends Error {
  constructor(
    readonly method: string,
    readonly timeoutMs: number,
  ) {
    super(`Chromium did not answer ${method} within ${Math.round(timeoutMs / 1000)} s`);
    this.name = 'CdpTimeout';
  }
}

/** How long a call waits for its answer unless it says otherwise: far beyond a loaded machine's slowest start. */
export const CDP_CALL_TIMEOUT_MS = 60_000;

export class CdpPipe {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly handlers = new Map<string, Set<EventHandler>>();
  private buffer = Buffer.alloc(0);
  private closed: Error | null = null;

  constructor(
    private readonly out: Writable,
    input: Readable,
    private readonly timeoutMs = CDP_CALL_TIMEOUT_MS,
  ) {
    input.on('data', (chunk: Buffer) => this.onData(chunk));
    input.on('close', () => this.fail(new Error('the browser closed its DevTools pipe')));
    input.on('error', (e: Error) => this.fail(e));
    out.on('error', (e: Error) => this.fail(e));
  }

  /** Calls `method`; rejects with CdpTimeout when no answer comes within `timeoutMs`, so no caller waits forever. */
  send(method: string, params: Params = {}, sessionId?: string, timeoutMs = this.timeoutMs): Promise<Params> {
    if (this.closed) return Promise.reject(this.closed);
    const id = this.nextId++;
    const message = JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) });
    return new Promise<Params>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new CdpTimeout(method, timeoutMs));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.out.write(`${message}\0`);
    });
  }

  /** Listens to an event (of every session); returns the unsubscribe. */
  on(method: string, handler: EventHandler): () => void {
    let set = this.handlers.get(method);
    if (!set) this.handlers.set(method, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }

  /** Fails every call still waiting (the browser went away). */
  fail(error: Error): void {
    if (this.closed) return;
    this.closed = error;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(error);
    }
    this.pending.clear();
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf(0);
      if (end < 0) return;
      const text = this.buffer.subarray(0, end).toString('utf8');
      this.buffer = this.buffer.subarray(end + 1);
      let message: { id?: number; method?: string; params?: Params; result?: Params; error?: { message: string }; sessionId?: string };
      try {
        message = JSON.parse(text) as typeof message;
      } catch {
        continue;
      }
      if (typeof message.id === 'number') {
        const p = this.pending.get(message.id);
        if (!p) continue;
        this.pending.delete(message.id);
        clearTimeout(p.timer);
        if (message.error) p.reject(new Error(message.error.message));
        else p.resolve(message.result ?? {});
      } else if (message.method) {
        for (const h of this.handlers.get(message.method) ?? []) {
          try {
            h(message.params ?? {}, message.sessionId);
          } catch {
            // A handler's bug must not stop the pipe.
          }
        }
      }
    }
  }
}
