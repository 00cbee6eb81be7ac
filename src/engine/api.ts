/**
 * The engine's public surface. Hosts (src/main for Electron, src/server for server mode) and tests
 * build a Studio with createStudio(ports) (./studio.ts) and only ever use what is declared here.
 */
import type { HlsPreview } from './output/hls-preview';
import type {
  CommandResult,
  CommandType,
  DestinationStats,
  InputLevels,
  MediaDevice,
  MediaStatus,
  NoticeLevel,
  OutputStats,
  RendererStats,
  Result,
  StudioDocument,
  StudioEvent,
} from '../shared';
import type { NetworkStreamHandle } from './media/network-sources';
import type { BrowserSourceBackend } from './browser/backend';

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
  /** The file the host's logger writes (Help → About shows it); absent: none. */
  logFile?: string;
  clock?: Clock;
  /** obs-websocket remote control; on by default (127.0.0.1:4455, generated password). */
  remote?: RemotePorts;
  /** Environment to read FFMPEG_PATH from; defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Test the encoders (a real short encode each) at start-up rather than before the first stream. */
  probeEncoders?: boolean;
  /** Fixed periodic screenshots (tests, embedders); without it the profile's ScreenshotSettings apply. */
  screenshots?: PeriodicScreenshotOptions;
  /** Runs browser sources' pages, isolated from the studio (./browser/backend.ts); none: they show why not. */
  browserSources?: BrowserSourceBackend;
}

export interface PeriodicScreenshotStatus {
  /** Whether pictures are being taken whenever the stream is live. */
  active: boolean;
  /** The folder the settings point to ('' resolved to the data folder's "screenshots"). */
  folder: string;
  saved: number;
  failed: number;
  skipped: number;
  lastFile: string | null;
  lastError: string | null;
}

/** Periodic program screenshots (see PeriodicScreenshots in ./screenshot.ts). */
export interface PeriodicScreenshotOptions {
  /** Absolute folder; created when missing. */
  dir: string;
  /** Seconds between pictures; at least 1. */
  intervalSec: number;
  format: 'png' | 'jpeg';
  /** Largest picture width (8..4096); the canvas is scaled down to fit, keeping its aspect. */
  maxWidth: number;
  /** Largest picture height (8..4096); no limit beyond maxWidth's when absent. */
  maxHeight?: number;
  /** How many of its files the folder keeps; the oldest are deleted. */
  keep: number;
  /** Byte cap for its files in the folder; the oldest are deleted (the newest always stays). */
  maxBytes?: number;
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
  /** 0..1 through the running scene transition, 1 when none runs (see transition-clock.ts). */
  transitionCursor?(): number;
  /** SetTBarPosition: moves (and with release, lets go of) the T-bar in studio mode (see transition-clock.ts). */
  setTBar?(position: number, release: boolean): Promise<Result<null>>;
  openRendererSession(sink: RendererSink): RendererSession;
  /** A message from the host (the desktop shell) for the user, shown like the studio's own notices. */
  notify?(level: NoticeLevel, message: string): void;
  /** The absolute path to serve for a media request, or null when the document does not refer to it. */
  resolveMediaPath(requested: string): string | null;
  /** A network stream source's live bytes (fragmented MP4), or null while it is down (media/network-sources.ts). */
  networkStream?(inputUuid: string): NetworkStreamHandle | null;
  /** The producers' HLS preview of the program (output/hls-preview.ts): Start/Stop/GetPreviewHls, /preview/hls/. */
  readonly previewHls?: HlsPreview;
  /** Live output numbers: the aggregate stream and one entry per destination. */
  status(): { stream: OutputStats; destinations: DestinationStats[] };
  /**
   * A picture of a source (sourceUuid) or of the program output (null), rendered by a connected
   * renderer's compositor and returned as a data: URL. NotReady when no renderer is connected.
   */
  screenshot(request: ScreenshotRequest): Promise<Result<{ dataUrl: string }>>;
  /** Periodic screenshots (ScreenshotSettings): whether they run and what they saved so far. */
  periodicScreenshots(): PeriodicScreenshotStatus;
  /**
   * The output owner's latest audio meter reading, one entry per playing audio input; empty when
   * none arrived in the last 500 ms (no renderer, or nothing plays).
   */
  audioLevels(): InputLevels[];
  /**
   * Media playback as the output owner's renderer reports it (GetMediaInputStatus), and the capture
   * devices it can open (GetInputPropertiesListPropertyItems). See engine/media/tracker.ts.
   */
  readonly media: { status(inputUuid: string): MediaStatus; devices(): MediaDevice[] };
  /** Health summary for GET /healthz. */
  health(): { ok: boolean; streaming: string; ffmpeg: string | null; revision: number };
  /** Stops every output (no FFmpeg survives), flushes saves, disposes every timer and listener. */
  dispose(): Promise<void>;
}

export interface ScreenshotRequest {
  sourceUuid: string | null;
  /** Defaults to the source's (or canvas's) own size; aspect is kept when only one is given. */
  width?: number;
  height?: number;
  format: 'png' | 'jpeg' | 'webp';
  /** 0..100 for lossy formats; -1 = the encoder's default. */
  quality?: number;
}

export interface RemotePorts {
  /** false turns the obs-websocket server off. */
  enabled?: boolean;
  port?: number;
  /** 127.0.0.1 unless the user opts in to the network. */
  bind?: string;
  /** A fixed password (a flag or STUDIO_WS_PASSWORD); otherwise the stored or generated one. */
  password?: string | null;
  /** false = no authentication (an explicit, warned-about choice). */
  authRequired?: boolean;
  allowedOrigins?: string[];
  tls?: { cert: string; key: string } | null;
  /** Folder holding remote.html (out/renderer): served at /remote/ on the same port for tablets. */
  pageDir?: string;
}
