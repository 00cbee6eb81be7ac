/** Live statistics, sent by the engine once a second while anything is live. */

/** The output engine's destination states (see docs/ARCHITECTURE.md, "Destination state machine"). */
export type DestinationState = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'failed' | 'stopping';

export interface OutputStats {
  state: DestinationState;
  /** Frames per second FFmpeg encoded during the last interval (a delta, not FFmpeg's running average). */
  fps: number;
  /** Bits per second of the encoded stream over the last interval, in kbps. */
  bitrateKbps: number;
  /** Bytes sent since the stream went live, all destinations together. */
  bytesSent: number;
  /** Frames the encoder has produced since start. */
  framesEncoded: number;
  /** Frames FFmpeg itself dropped (its drop_frames counter). */
  dropped: number;
  /** Output ticks for which the encoder had no room, so the frame was not sent (OBS "skipped"). */
  skipped: number;
  /** Output ticks with no freshly composited frame, filled with a repeat (OBS "lagged"). */
  lagged: number;
  /**
   * Output ticks where the renderer said nothing on program had changed (VideoFormat.Repeat), so
   * the last frame was written again on time: not lagged, just nothing new to show.
   */
  unchanged?: number;
  /** Freshly composited frames written to the encoder since start (no repeats of any kind). */
  fresh?: number;
  /** Frames handed to FFmpeg since start (every output tick: new, repeated or caught up). */
  framesSent: number;
  uptimeMs: number;
  /** FFmpeg's speed over the last interval: 1.0 = realtime. */
  encoderSpeed: number;
  /** Mean compositor render time per frame over the last interval, reported by the renderer. */
  renderMs: number;
  /** The whole machine's CPU use over the last interval, 0..100 (all cores together). */
  cpuPercent: number;
  /**
   * Sound minus picture of what the output writes now, ms (> 0: sound late), from the renderer's
   * stamps on both; null while unknown (no sound, or a renderer that does not stamp).
   */
  avOffsetMs?: number | null;
  /** Resampling that keeps the sound on the picture, ppm of the frame clock (the audio clock's drift). */
  audioDriftPpm?: number;
  /** Extra canvases whose encoding runs (canvas.ts): each one's frame clock, as the main one's fields. */
  canvases?: CanvasOutputStats[];
}

export interface CanvasOutputStats {
  canvas: string;
  framesSent: number;
  lagged: number;
  unchanged: number;
  fresh: number;
  dropped: number;
}

export interface RendererStats {
  /** Render ticks the compositor missed because the previous frame was still in flight. */
  renderLagged: number;
  /** Mean time to composite + pack a frame over the last report interval, ms. */
  renderMs: number;
  /** Frames dropped in the renderer because the transport had too many unacknowledged frames. */
  sendSkipped: number;
  /** What the GL context runs on ("SwiftShader" on CPU-only machines). */
  glRenderer: string;
}

export const EMPTY_OUTPUT_STATS: OutputStats = {
  state: 'idle',
  fps: 0,
  bitrateKbps: 0,
  bytesSent: 0,
  framesEncoded: 0,
  dropped: 0,
  skipped: 0,
  lagged: 0,
  framesSent: 0,
  uptimeMs: 0,
  encoderSpeed: 0,
  renderMs: 0,
  cpuPercent: 0,
};

/** One destination's live numbers (the output engine keeps one per destination). */
export interface DestinationStats {
  id: string;
  name: string;
  state: DestinationState;
  bitrateKbps: number;
  bytesSent: number;
  framesSent: number;
  /** Video frames this destination could not take in time, dropped for it alone (its tap overflowed). */
  dropped: number;
  reconnects: number;
  uptimeMs: number;
  /** 0 = draining freely … 1 = its buffer is full (OBS's outputCongestion). */
  congestion: number;
  lastError: string | null;
  /** Viewers as the receiving server counts them; null when it cannot say (see viewersNote). */
  viewers: number | null;
  viewersNote: string | null;
}

/** One encoder's start-up test: listed by `ffmpeg -encoders` is not enough, it must encode. */
export interface EncoderProbeResult {
  name: string;
  listed: boolean;
  works: boolean;
  /** One line for the user: what worked, or why not. */
  reason: string;
}

/** Which encoder the studio streams with, and why; sent as 'encoder.status' whenever it changes. */
export interface EncoderStatus {
  /** True while the start-up probe (or a "probe again") runs. */
  probing: boolean;
  /** The encoder the next stream uses (or the running one uses); null before the first probe ends. */
  chosen: string | null;
  /** One or two sentences: why this one. */
  why: string;
  probes: EncoderProbeResult[];
  /** Set while a stream runs on libx264 because its hardware encoder failed mid-stream. */
  fallback: { from: string; to: string; message: string } | null;
}

export type RecordState = 'idle' | 'starting' | 'recording' | 'stopping' | 'failed';

/** The recording's state and numbers, sent as 'record.state' on change and each second while recording. */
export interface RecordStatus {
  state: RecordState;
  /** The file being written (or last written). */
  path: string | null;
  bytes: number;
  durationMs: number;
  /** Free space where the file is written, bytes; null when unknown. */
  freeBytes: number | null;
  /** Why it failed or stopped on its own (disk full, FFmpeg died). */
  error: string | null;
  /** The extra canvas it records (RecordingSettings.canvas, as taken at its start); absent = main. */
  canvas?: string;
}

export const IDLE_RECORD_STATUS: RecordStatus = { state: 'idle', path: null, bytes: 0, durationMs: 0, freeBytes: null, error: null };

/** Where frames are being lost, in plain words; 'ok' when nothing is. */
export interface Diagnosis {
  severity: 'ok' | 'warning' | 'problem';
  where: 'none' | 'render' | 'encoder' | 'destination';
  /** The destination at fault when where is 'destination'. */
  destinationId: string | null;
  destinationName: string | null;
  message: string;
}

/** The bandwidth check before going live: the destinations' bitrates against the uplink. */
export interface BandwidthBudget {
  /** What the enabled destinations need together, video + audio + overhead, kbps. */
  requiredKbps: number;
  /** The uplink compared against (entered by the user), kbps; null when unknown. */
  uplinkKbps: number | null;
  /** null when there is no uplink to compare with. */
  fits: boolean | null;
  perDestination: { id: string; name: string; kbps: number }[];
  message: string;
}

/** One second of history for the graphs (the engine keeps at least ten minutes). */
export interface StatsSample {
  /** Engine clock, ms. */
  t: number;
  state: DestinationState;
  fps: number;
  bitrateKbps: number;
  renderMs: number;
  encoderSpeed: number;
  cpuPercent: number;
  /** Counters since start (graphs plot their per-second differences). */
  lagged: number;
  skipped: number;
  dropped: number;
  /** The output's A/V offset, ms (OutputStats.avOffsetMs). */
  avOffsetMs?: number | null;
  /** viewers: the receiving server's count, null when it cannot say. */
  destinations: { id: string; name: string; state: DestinationState; bitrateKbps: number; congestion: number; dropped: number; viewers?: number | null }[];
}
