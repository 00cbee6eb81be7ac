/**
 * The engine's public surface. Hosts (src/main for Electron, src/server for server mode) and tests
 * build a Studio with createStudio(ports) (./studio.ts) and only ever use what is declared here.
 */
import type {
  CommandResult,
  CommandType,
  RendererStats,
  Result,
  StudioDocument,
  StudioEvent,
} from '../shared';

export interface Disposable {
  dispose(): void;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Structured logger. Implementations must pass every line through redact() (./log/redact.ts). */
export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

/** Where secrets live: safeStorage-encrypted in the desktop app, a 0600 file in server mode. */
export interface SecretStore {
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}

export type TimerHandle = { readonly __timer: unique symbol };

/** Injected so state machines can be tested with a fake clock. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  setInterval(fn: () => void, ms: number): TimerHandle;
  clearInterval(handle: TimerHandle): void;
}

export interface StudioPorts {
  /** User data folder: collection.json, profile.json, secrets (server mode), logs. Created if absent. */
  dataDir: string;
  /** Read-only runtime assets (resources/ in the repo, process.resourcesPath in a package). */
  resourcesDir: string;
  secrets?: SecretStore;
  logger?: Logger;
  clock?: Clock;
  /** Environment to read FFMPEG_PATH from; defaults to process.env. */
  env?: Record<string, string | undefined>;
}

/** What a transport (IPC, WebSocket) gives the engine to reach one renderer. */
export interface RendererSink {
  event(event: StudioEvent): void;
  ack(sequence: number): void;
}

/** One connected renderer. The transport forwards what arrives and closes it when the peer leaves. */
export interface RendererSession extends Disposable {
  call(type: CommandType, args: unknown): Promise<Result<unknown>>;
  /** A frame message (header + payload), as sent by StudioBridge.sendFrame. */
  frame(message: Uint8Array): void;
  stats(stats: RendererStats): void;
}

export interface Studio {
  execute<T extends CommandType>(type: T, args: unknown): Promise<Result<CommandResult<T>>>;
  subscribe(listener: (event: StudioEvent) => void): Disposable;
  /** Secret-free snapshot of the document. */
  document(): StudioDocument;
  openRendererSession(sink: RendererSink): RendererSession;
  /** The absolute path to serve for a media request, or null when the document does not refer to it. */
  resolveMediaPath(requested: string): string | null;
  /** Health summary for GET /healthz. */
  health(): { ok: boolean; streaming: string; ffmpeg: string | null; revision: number };
  /** Stops every output (no FFmpeg survives), flushes saves, disposes every timer and listener. */
  dispose(): Promise<void>;
}
