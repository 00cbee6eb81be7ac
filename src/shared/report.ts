/**
 * The post-stream report: what happened during one stream, from its start to its stop, saved beside
 * the recordings as JSON (this shape) and as a readable HTML page, and answered by the vendor
 * request GetLastStreamReport. Destinations are named by id and name; no URL or key is in it.
 */
import type { DestinationState } from './stats';
import type { Diagnosis } from './stats';

export interface StreamReport {
  version: 1;
  /** ISO 8601, wall clock. */
  startedAt: string;
  endedAt: string;
  durationMs: number;
  /** How it ended: stopped by the user (idle) or failed, with why. */
  endState: 'idle' | 'failed';
  error: string | null;
  encoder: {
    /** The encoder the stream started with. */
    name: string | null;
    /** Mid-stream hardware failures that libx264 took over from. */
    fallbacks: Array<{ atMs: number; from: string; to: string; message: string }>;
  };
  render: {
    /** Output ticks with no fresh frame (repeated), and ticks the encoder had no room for. */
    lagged: number;
    skipped: number;
    /** Frames FFmpeg itself dropped. */
    dropped: number;
    framesSent: number;
    /** Mean and worst compositor render time per frame over the run's seconds. */
    meanRenderMs: number | null;
    maxRenderMs: number | null;
  };
  destinations: ReportDestination[];
  /** Every change of the plain-language diagnosis, in order (atMs since the start). */
  diagnosis: Array<{ atMs: number; severity: Diagnosis['severity']; message: string }>;
  /** One point a second (thinned for long runs): the graphs of the HTML page. */
  samples: Array<{ atMs: number; fps: number; bitrateKbps: number; cpuPercent: number; destinations: Record<string, number> }>;
}

export interface ReportDestination {
  id: string;
  name: string;
  /** Time spent live. */
  uptimeMs: number;
  /** Each time it was lost, with why (atMs since the start). */
  reconnects: Array<{ atMs: number; cause: string | null }>;
  bytesSent: number;
  /** Over the time it was live; null when it never was. */
  averageKbps: number | null;
  /** The lowest one-second bitrate while live (after its first second). */
  minimumKbps: number | null;
  droppedFrames: number;
  endState: DestinationState;
}
