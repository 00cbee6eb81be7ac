/**
 * The renderer ↔ engine contract, one shape for both hosts: the desktop app carries it over
 * Electron IPC (src/preload exposes it as window.studio), server mode over one WebSocket
 * (/studio). The renderer only ever talks to a StudioBridge.
 *
 * Program output ownership: every renderer composites its own preview, but only one session — the
 * output owner — sends frames. 'primary' (the desktop window, the headless compositor) takes
 * ownership from a 'secondary' (a browser tab opened on the server URL), which gets it back when the
 * primary leaves. The engine announces changes with the renderer.outputOwner event.
 */
import type { Result } from './errors';
import type { CommandArgs, CommandResult, CommandType } from './commands';
import type { StudioEvent } from './events';
import type { RendererStats } from './stats';
import type { FolderKind } from './about';
import type { TopMenuSpec } from './menu';

export interface StudioBridge {
  readonly host: 'desktop' | 'server';
  invoke<T extends CommandType>(type: T, args: CommandArgs<T>): Promise<Result<CommandResult<T>>>;
  /** On subscribe the engine replays: kinds.list, document.changed, stream.state, renderer.outputOwner. */
  subscribe(listener: (event: StudioEvent) => void): () => void;
  /** A frame message: FRAME_HEADER_BYTES of header, then the payload. Ignored unless output owner. */
  sendFrame(message: ArrayBuffer): void;
  /** The engine acknowledges each video frame once it has taken it, for flow control. */
  onFrameAck(listener: (sequence: number) => void): () => void;
  reportStats(stats: RendererStats): void;
  /** A URL the renderer can load a local file from (only files the document refers to are served). */
  mediaUrl(path: string): string;
  /**
   * Desktop only: opens the system's file dialog in the main process and sets the FFmpeg path the
   * user picks (ok(null) when they cancel). The page never names a path (see HOST_ONLY_COMMANDS).
   */
  chooseFfmpeg?(): Promise<Result<{ ffmpegPath: string } | null>>;
  /**
   * Desktop only: opens the recordings, replays or screenshots folder in the system's file manager.
   * The main process asks the engine for the path (studio.about); the page only names the kind.
   */
  openFolder?(kind: FolderKind): Promise<Result<{ path: string }>>;
  /**
   * Desktop only: the page's next getDisplayMedia call captures browser source `inputUuid`'s page
   * (its sound, when its reroute_audio is on) instead of a screen. Good once, for a few seconds.
   */
  browserSourceAudio?(inputUuid: string): Promise<Result<null>>;
  /** Desktop only: the menu bar's state, mirrored as the application menu. */
  setMenu?(menus: TopMenuSpec[]): void;
  /** Desktop only: an application-menu item was chosen (its id). */
  onMenuAction?(listener: (id: string) => void): () => void;
  /**
   * Desktop only: asks for this page's frame port, which arrives once as a window message
   * (FRAME_PORT_MESSAGE). Listen before asking. sendFrame keeps working without it.
   */
  requestFramePort?(): void;
}

// ---- frame messages -------------------------------------------------------------------------
// Little-endian header, then payload:
//   0 u32 magic  4 u8 kind  5 u8 format  6 u8 canvas (0 = main; canvas.ts)  7 u8 reserved
//   8 u32 width | sampleRate   12 u32 height | channels
//  16 f64 sequence (video: frame tick index of the renderer clock; audio: index of first sample frame)
//  24 f64 capture time, ms on the renderer's clock (diagnostics only; never used as a timestamp)
export const FRAME_MAGIC = 0x31465342; // "BSF1"
export const FRAME_HEADER_BYTES = 32;
export const FrameKind = { Video: 1, Audio: 2 } as const;
/**
 * NV12: full-size Y plane, then interleaved half-size UV plane (BT.709, limited range).
 * Repeat: no payload; the picture did not change since the previous video frame, so the renderer
 * neither composited nor read it back. The engine writes its last frame again, as a fresh frame
 * (counted as unchanged, not lagged).
 */
export const VideoFormat = { NV12: 1, Repeat: 2 } as const;
/** Interleaved signed 16-bit PCM. */
export const AudioFormat = { S16LE: 1 } as const;
export const AUDIO_SAMPLE_RATE = 48000;
export const AUDIO_CHANNELS = 2;
/**
 * Channels of an audio frame from the renderer: OBS's six mixer tracks, each its own stereo mix,
 * track-major (track 1 = channels 0 and 1, track 2 = 2 and 3, ...). The header's height says how
 * many a frame carries; a stereo frame (AUDIO_CHANNELS) is one mix that feeds every track.
 */
export const AUDIO_WIRE_CHANNELS = 12;

export interface FrameHeader {
  kind: number;
  format: number;
  width: number;
  height: number;
  sequence: number;
  captureMs: number;
  /**
   * Video: which canvas the picture is of (canvasIndex in canvas.ts); absent or 0 = the main one.
   * It sits in what was a reserved zero byte, so older senders' frames read as the main canvas.
   */
  canvas?: number;
}

export function nv12Bytes(width: number, height: number): number {
  return width * height + 2 * Math.ceil(width / 2) * Math.ceil(height / 2);
}

export function writeFrameHeader(view: DataView, h: FrameHeader): void {
  view.setUint32(0, FRAME_MAGIC, true);
  view.setUint8(4, h.kind);
  view.setUint8(5, h.format);
  view.setUint8(6, h.canvas ?? 0);
  view.setUint8(7, 0);
  view.setUint32(8, h.width, true);
  view.setUint32(12, h.height, true);
  view.setFloat64(16, h.sequence, true);
  view.setFloat64(24, h.captureMs, true);
}

/** Returns null for anything that is not a well-formed frame header. */
export function readFrameHeader(view: DataView): FrameHeader | null {
  if (view.byteLength < FRAME_HEADER_BYTES || view.getUint32(0, true) !== FRAME_MAGIC) return null;
  return {
    kind: view.getUint8(4),
    format: view.getUint8(5),
    width: view.getUint32(8, true),
    height: view.getUint32(12, true),
    sequence: view.getFloat64(16, true),
    captureMs: view.getFloat64(24, true),
    canvas: view.getUint8(6),
  };
}

// ---- server-mode WebSocket envelope (text messages; frames travel as binary messages) ----------
export type ClientMessage =
  | { t: 'call'; id: number; type: CommandType; args: unknown }
  | { t: 'stats'; stats: RendererStats };

export type ServerMessage =
  | { t: 'reply'; id: number; result: Result<unknown> }
  | { t: 'event'; event: StudioEvent }
  | { t: 'ack'; sequence: number };

/** Path of the renderer ↔ engine WebSocket in server mode. */
export const STUDIO_SOCKET_PATH = '/studio';
/**
 * Server mode: answers 200 while the page's cookie grants this run's access, 401 with the reason
 * otherwise (the renderer asks when its socket is refused, to tell "restarted" from "down").
 */
export const STUDIO_SESSION_PATH = '/session';
/** Path a renderer loads local media from in server mode: /media?path=<encoded absolute path>. */
export const MEDIA_PATH = '/media';

/** Electron IPC channels between src/main and src/preload (the desktop StudioBridge). */
export const IpcChannel = {
  invoke: 'studio:invoke',
  subscribe: 'studio:subscribe',
  event: 'studio:event',
  frame: 'studio:frame',
  ack: 'studio:ack',
  stats: 'studio:stats',
  chooseFfmpeg: 'studio:chooseFfmpeg',
  /** Page → main: the menu bar as data (TopMenuSpec[]), mirrored as the application menu. */
  menuModel: 'studio:menuModel',
  /** Main → page: the id of the application-menu item the user chose. */
  menuAction: 'studio:menuAction',
  /** Page → main (invoke): open a folder the engine names (FolderKind) in the system's file manager. */
  openFolder: 'studio:openFolder',
  /** Page → main (invoke): the page's next getDisplayMedia is this browser source's page (its sound; main/display-media.ts). */
  browserSourceAudio: 'studio:browserSourceAudio',
  /**
   * Preload → main: asks for this page's frame port; main → preload: the port (a MessagePort that
   * carries only frame messages, page → main). See FRAME_PORT_MESSAGE.
   */
  framePort: 'studio:framePort',
} as const;

/**
 * The desktop app's frame port reaches the page's own world as a window message with this data and
 * the port in `ports` (the preload posts it; contextBridge cannot pass a MessagePort). Frames sent on
 * it skip contextBridge, which copies every ArrayBuffer that crosses it.
 */
export const FRAME_PORT_MESSAGE = 'studio:frame-port';
