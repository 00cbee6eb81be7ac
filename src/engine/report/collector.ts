/**
 * Collects one stream's story from the engine's events, for the post-stream report: it starts when
 * the stream leaves idle and ends when it is idle or failed again. Pure: the caller feeds events
 * with the time they happened.
 */
import type { DestinationState, DestinationStats, StreamReport, StudioEvent } from '../../shared';
import { message } from '../webhooks/derive';

/** Most points the report keeps for its graphs: a long show is thinned, not cut. */
const MAX_SAMPLES = 3600;

interface DestinationRun {
  id: string;
  name: string;
  state: DestinationState;
  liveSince: number | null;
  uptimeMs: number;
  reconnects: Array<{ atMs: number; cause: string | null }>;
  bytesSent: number;
  droppedFrames: number;
  /** Seconds seen live since it last went live: the first one (the ramp) is not a minimum. */
  liveSeconds: number;
  minimumKbps: number | null;
}

export class StreamSession {
  private readonly destinations = new Map<string, DestinationRun>();
  private readonly report: Pick<StreamReport, 'encoder' | 'diagnosis' | 'samples'>;
  private render = { lagged: 0, skipped: 0, dropped: 0, framesSent: 0, renderSum: 0, renderCount: 0, renderMax: null as number | null };
  private pendingKbps: Record<string, number> = {};
  private stride = 1;
  private seconds = 0;

  constructor(
    private readonly startMs: number,
    private readonly startedAt: Date,
    encoder: string | null,
  ) {
    this.report = { encoder: { name: encoder, fallbacks: [] }, diagnosis: [], samples: [] };
  }

  take(event: StudioEvent, nowMs: number): void {
    const at = Math.max(0, Math.round(nowMs - this.startMs));
    switch (event.type) {
      case 'destination.state': {
        const { id, name, state, error } = event.data;
        const d = this.destination(id, name);
        if (d.state === 'live' && state !== 'live') {
          this.closeLive(d, nowMs);
          // Lost while live: a reconnect, with the cause the engine gave.
          if (state === 'reconnecting' || state === 'failed') d.reconnects.push({ atMs: at, cause: message(error) });
        } else if (state === 'failed' && d.state !== 'failed' && d.state !== 'live') {
          d.reconnects.push({ atMs: at, cause: message(error) });
        }
        if (state === 'live' && d.state !== 'live') {
          d.liveSince = nowMs;
          d.liveSeconds = 0;
        }
        d.state = state;
        return;
      }
      case 'destination.stats':
        for (const s of event.data.stats) {
          const d = this.destination(s.id, s.name);
          d.bytesSent = Math.max(d.bytesSent, s.bytesSent);
          d.droppedFrames = Math.max(d.droppedFrames, s.dropped);
          if (s.state === 'live') {
            d.liveSeconds++;
            if (d.liveSeconds > 1) d.minimumKbps = d.minimumKbps === null ? s.bitrateKbps : Math.min(d.minimumKbps, s.bitrateKbps);
          }
          this.pendingKbps[s.id] = s.bitrateKbps;
        }
        return;
      case 'stream.stats': {
        const s = event.data.stats;
        const r = this.render;
        r.lagged = Math.max(r.lagged, s.lagged);
        r.skipped = Math.max(r.skipped, s.skipped);
        r.dropped = Math.max(r.dropped, s.dropped);
        r.framesSent = Math.max(r.framesSent, s.framesSent);
        if (s.state === 'live' && s.renderMs > 0) {
          r.renderSum += s.renderMs;
          r.renderCount++;
          r.renderMax = Math.max(r.renderMax ?? 0, s.renderMs);
        }
        this.sample({ atMs: at, fps: s.fps, bitrateKbps: s.bitrateKbps, cpuPercent: s.cpuPercent, destinations: this.pendingKbps });
        this.pendingKbps = {};
        return;
      }
      case 'encoder.status': {
        const f = event.data.fallback;
        const last = this.report.encoder.fallbacks.at(-1);
        if (f && (!last || last.from !== f.from || last.to !== f.to)) this.report.encoder.fallbacks.push({ atMs: at, ...f });
        return;
      }
      case 'diagnosis.changed':
        this.report.diagnosis.push({ atMs: at, severity: event.data.severity, message: event.data.message });
        return;
      default:
    }
  }

  /** The destinations' running totals (bytes, drops) as they are now; rates and states are left alone. */
  totals(stats: readonly DestinationStats[]): void {
    for (const s of stats) {
      const d = this.destinations.get(s.id);
      if (!d) continue;
      d.bytesSent = Math.max(d.bytesSent, s.bytesSent);
      d.droppedFrames = Math.max(d.droppedFrames, s.dropped);
    }
  }

  finish(nowMs: number, endedAt: Date, endState: 'idle' | 'failed', error: string | null): StreamReport {
    const r = this.render;
    const destinations = [...this.destinations.values()].map((d) => {
      if (d.state === 'live') this.closeLive(d, nowMs);
      return {
        id: d.id,
        name: d.name,
        uptimeMs: d.uptimeMs,
        reconnects: d.reconnects,
        bytesSent: d.bytesSent,
        averageKbps: d.uptimeMs > 0 ? Math.round((d.bytesSent * 8) / d.uptimeMs) : null,
        minimumKbps: d.minimumKbps,
        droppedFrames: d.droppedFrames,
        endState: d.state,
      };
    });
    return {
      version: 1,
      startedAt: this.startedAt.toISOString(),
      endedAt: endedAt.toISOString(),
      durationMs: Math.max(0, Math.round(nowMs - this.startMs)),
      endState,
      error,
      encoder: this.report.encoder,
      render: {
        lagged: r.lagged,
        skipped: r.skipped,
        dropped: r.dropped,
        framesSent: r.framesSent,
        meanRenderMs: r.renderCount > 0 ? Math.round((r.renderSum / r.renderCount) * 100) / 100 : null,
        maxRenderMs: r.renderMax,
      },
      destinations,
      diagnosis: this.report.diagnosis,
      samples: this.report.samples,
    };
  }

  private destination(id: string, name: string): DestinationRun {
    let d = this.destinations.get(id);
    if (!d) {
      d = { id, name, state: 'idle', liveSince: null, uptimeMs: 0, reconnects: [], bytesSent: 0, droppedFrames: 0, liveSeconds: 0, minimumKbps: null };
      this.destinations.set(id, d);
    }
    d.name = name;
    return d;
  }

  private closeLive(d: DestinationRun, nowMs: number): void {
    if (d.liveSince !== null) d.uptimeMs += Math.max(0, nowMs - d.liveSince);
    d.liveSince = null;
  }

  /** Keeps every `stride`-th second; past MAX_SAMPLES points, every other kept point goes and the stride doubles. */
  private sample(point: StreamReport['samples'][number]): void {
    if (this.seconds++ % this.stride !== 0) return;
    const samples = this.report.samples;
    samples.push(point);
    if (samples.length > MAX_SAMPLES) {
      const kept = samples.filter((_, i) => i % 2 === 0);
      samples.length = 0;
      samples.push(...kept);
      this.stride *= 2;
    }
  }
}
