import { useMemo } from 'react';
import type { StatsSample, VideoSettings } from '../../../shared';
import { useStudio } from '../../stores/context';
import { Chart } from './Chart';
import { RendererBackend } from './RendererBackend';
import { SPAN_MS } from './chart';
import { formatBitrate, formatFps, formatMs, formatSpeed } from './format';
import { destinationSeries, levelSeries, PALETTE, rateSeries, type Series } from './series';

const perSecond = (v: number): string => `${v < 10 ? v.toFixed(1) : Math.round(v)}/s`;
const percent = (v: number): string => `${Math.round(v)} %`;

/** Every graph's lines, worked out once per new sample. */
function graphs(history: readonly StatsSample[]) {
  const total = levelSeries(history, 'total', 'Encoder output', PALETTE[0]!, (s) => s.bitrateKbps);
  const lost: Series[] = [
    rateSeries(history, 'lagged', 'Lagged (render)', '#e3a008', (s) => s.lagged),
    rateSeries(history, 'skipped', 'Skipped (encoder)', '#a371f7', (s) => s.skipped),
    rateSeries(history, 'dropped', 'Dropped (FFmpeg)', '#f85149', (s) => s.dropped),
    ...destinationSeries(history, 'dest-dropped', (name) => `${name} dropped`, (d) => d.dropped, { rate: true }),
  ];
  return {
    bitrate: [total, ...destinationSeries(history, 'dest-bitrate', (name) => name, (d) => d.bitrateKbps)],
    fps: [levelSeries(history, 'fps', 'Encoded', PALETTE[0]!, (s) => s.fps)],
    render: [levelSeries(history, 'render', 'Compositor', PALETTE[0]!, (s) => s.renderMs)],
    speed: [levelSeries(history, 'speed', 'Encoder', PALETTE[0]!, (s) => s.encoderSpeed)],
    cpu: [levelSeries(history, 'cpu', 'Machine', PALETTE[0]!, (s) => s.cpuPercent)],
    lost,
    congestion: destinationSeries(history, 'congestion', (name) => name, (d) => d.congestion * 100),
  };
}

const fpsOf = (v: VideoSettings | undefined): number => (v ? v.fpsNumerator / v.fpsDenominator : 30);

/** The last ten minutes of the output, one graph per thing that can go wrong. */
export function StatsPanel() {
  const history = useStudio((s) => s.history);
  const video = useStudio((s) => s.document?.video);
  const g = useMemo(() => graphs(history), [history]);
  const fps = fpsOf(video);
  const frameMs = 1000 / fps;
  // The time axis ends at the newest sample: the engine's clock is not the page's.
  const t1 = history.at(-1)?.t ?? SPAN_MS;
  const t0 = t1 - SPAN_MS;
  const common = { t0, t1 };
  return (
    <section className="stats-panel" aria-label="Stats graphs" data-testid="stats-panel">
      {history.length === 0 ? <p className="empty">No stats yet: the graphs fill once a second while the stream runs, and keep the last 10 minutes.</p> : null}
      <RendererBackend />
      <div className="graphs">
        <Chart id="bitrate" title="Bitrate" series={g.bitrate} {...common} format={formatBitrate} floor={500} />
        <Chart id="fps" title="Frames per second" series={g.fps} {...common} format={formatFps} reference={{ value: fps, label: `target ${formatFps(fps)}` }} />
        <Chart id="render" title="Render time" series={g.render} {...common} format={formatMs} floor={5} reference={{ value: frameMs, label: `frame ${formatMs(frameMs)}` }} />
        <Chart id="speed" title="Encoder speed" series={g.speed} {...common} format={formatSpeed} reference={{ value: 1, label: 'realtime 1.00×' }} />
        <Chart id="cpu" title="CPU" series={g.cpu} {...common} format={percent} max={100} />
        <Chart id="lost" title="Lost frames" series={g.lost} {...common} format={perSecond} floor={5} />
        <Chart id="congestion" title="Destination congestion" series={g.congestion} {...common} format={percent} max={100} />
      </div>
    </section>
  );
}
