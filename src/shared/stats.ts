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
  /** Frames handed to FFmpeg since start (every output tick: new, repeated or caught up). */
  framesSent: number;
  uptimeMs: number;
  /** FFmpeg's speed over the last interval: 1.0 = realtime. */
  encoderSpeed: number;
  /** Mean compositor render time per frame over the last interval, reported by the renderer. */
  renderMs: number;
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
};

/** One destination's live numbers (the output engine keeps one per destination). */
export interface DestinationStats {
  id: string;
  name: string;
  state: DestinationState;
  bitrateKbps: number;
  bytesSent: number;
  framesSent: number;
  /** Data this destination could not take in time and that was dropped for it alone. */
  dropped: number;
  reconnects: number;
  uptimeMs: number;
  /** 0 = draining freely … 1 = its buffer is full (OBS's outputCongestion). */
  congestion: number;
  lastError: string | null;
}
