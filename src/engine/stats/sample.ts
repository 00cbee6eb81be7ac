/** One second of history from the output's own stats and its destinations' (see StatsSample). */
import type { DestinationStats, OutputStats, StatsSample } from '../../shared';

export function toSample(t: number, stats: OutputStats, destinations: readonly DestinationStats[]): StatsSample {
  return {
    t,
    state: stats.state,
    fps: stats.fps,
    bitrateKbps: stats.bitrateKbps,
    renderMs: stats.renderMs,
    encoderSpeed: stats.encoderSpeed,
    cpuPercent: stats.cpuPercent,
    lagged: stats.lagged,
    skipped: stats.skipped,
    // Frames FFmpeg itself dropped; each destination's own losses are in its entry below.
    dropped: stats.dropped,
    ...(stats.avOffsetMs !== undefined && { avOffsetMs: stats.avOffsetMs }),
    destinations: destinations.map((d) => ({
      id: d.id,
      name: d.name,
      state: d.state,
      bitrateKbps: d.bitrateKbps,
      congestion: d.congestion,
      dropped: d.dropped,
      viewers: d.viewers,
    })),
  };
}
