import { useStore } from 'zustand';
import { useStudio } from '../../stores/context';
import { DiagnosisBanner } from './DiagnosisBanner';
import { graphsStore, openGraphs, toggleGraphs } from './graphs';
import { formatBitrate, formatBytes, formatFps, formatMs, formatSpeed, formatUptime } from './format';
import { Sparkline } from './Sparkline';
import { Stat } from './Stat';
import { useStatsFigures } from './useStatsFigures';

/**
 * Output stats from the engine (once a second while live) and the compositor's own (its measured
 * frame rate beside the set one, its render time); above them, the diagnosis while frames are
 * being lost. The graphs it opens (here or View → Stats graphs) show in the Stats dock, so the
 * preview keeps its size.
 */
export function StatsBar() {
  const graphs = useStore(graphsStore, (s) => s.open);
  const history = useStudio((s) => s.history);
  const f = useStatsFigures();
  const { stats } = f;
  return (
    <div className="stats-dock">
      <DiagnosisBanner onShowGraphs={graphs ? undefined : openGraphs} />
      <footer className="statsbar" aria-label="Output statistics">
        <Stat label="State" value={f.state} />
        <Stat label="CPU" value={`${Math.round(stats.cpuPercent)} %`} testId="stat-cpu" />
        {f.canvasFps ? (
          <div className="stat stat-canvas" title={f.canvasHint}>
            <span className="stat-label">FPS</span>
            <span className="stat-value" data-testid="stat-canvas-fps">
              {f.canvasFps}
            </span>
          </div>
        ) : null}
        {f.idle ? null : (
          <div className="stat" title="Frames the encoder took per second (repeated frames included)">
            <span className="stat-label">Encoded</span>
            <span className="stat-value" data-testid="stat-fps">
              {formatFps(stats.fps)} fps
            </span>
          </div>
        )}
        <div className="stat stat-bitrate">
          <span className="stat-label">Bitrate</span>
          <span className="stat-value" data-testid="stat-bitrate">
            {formatBitrate(stats.bitrateKbps)}
          </span>
          <Sparkline history={history} />
        </div>
        <Stat label="Dropped" value={String(stats.dropped)} testId="stat-dropped" warn={stats.dropped > 0} />
        <Stat label="Skipped" value={String(stats.skipped)} testId="stat-skipped" warn={stats.skipped > 0} />
        <Stat label="Lagged" value={String(stats.lagged)} testId="stat-lagged" warn={stats.lagged > 0} />
        <Stat label="Sent" value={formatBytes(stats.bytesSent)} testId="stat-bytes" />
        <Stat label={f.uptimeLabel} value={formatUptime(f.uptimeMs)} testId="stat-uptime" />
        <Stat label="Render" value={formatMs(f.renderMs)} testId="stat-render" />
        <Stat label="Encoder" value={formatSpeed(stats.encoderSpeed)} />
        <button
          type="button"
          className="button button-small stats-graphs-toggle"
          aria-expanded={graphs}
          data-testid="stats-graphs-toggle"
          onClick={toggleGraphs}
        >
          {graphs ? 'Hide graphs' : 'Graphs'}
        </button>
      </footer>
    </div>
  );
}
