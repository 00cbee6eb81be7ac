import { useState } from 'react';
import { useStudio } from '../../stores/context';
import { DiagnosisBanner } from './DiagnosisBanner';
import { formatBitrate, formatBytes, formatFps, formatMs, formatSpeed, formatUptime } from './format';
import { Sparkline } from './Sparkline';
import { Stat } from './Stat';
import { StatsPanel } from './StatsPanel';
import { useCompositorStats } from './useCompositorStats';

/**
 * Output stats from the engine (once a second while live) and the preview's own when idle; above
 * them, the diagnosis while frames are being lost and, when opened, the graphs of the history.
 */
export function StatsBar() {
  const [graphs, setGraphs] = useState(false);
  const stats = useStudio((s) => s.stats);
  const state = useStudio((s) => s.streamState);
  const history = useStudio((s) => s.history);
  const recording = useStudio((s) => s.record.state === 'recording');
  const recordMs = useStudio((s) => s.record.durationMs);
  // The encoder also runs for a recording alone: its numbers are live then too.
  const idle = (state === 'idle' || state === 'failed') && !recording;
  const preview = useCompositorStats(idle);
  return (
    <div className="stats-dock">
      <DiagnosisBanner onShowGraphs={graphs ? undefined : () => setGraphs(true)} />
      {graphs ? <StatsPanel /> : null}
      <footer className="statsbar" aria-label="Output statistics">
        <Stat label="State" value={recording && (state === 'idle' || state === 'failed') ? 'recording' : state} />
        <Stat label="CPU" value={`${Math.round(stats.cpuPercent)} %`} testId="stat-cpu" />
        <Stat label="FPS" value={formatFps(stats.fps)} testId="stat-fps" />
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
        {/* Recording alone (no stream): the time is the recording's, counting while it records. */}
        <Stat
          label={recording && (state === 'idle' || state === 'failed') ? 'Recording' : 'Uptime'}
          value={formatUptime(recording && (state === 'idle' || state === 'failed') ? recordMs : stats.uptimeMs)}
          testId="stat-uptime"
        />
        <Stat label="Render" value={formatMs(stats.renderMs)} />
        <Stat label="Encoder" value={formatSpeed(stats.encoderSpeed)} />
        {preview ? (
          <div className="stat stat-preview" title={preview.glRenderer}>
            <span className="stat-label">Preview</span>
            <span className="stat-value" data-testid="stat-preview">
              {formatFps(preview.fps)} fps · {formatMs(preview.renderMs)}
            </span>
          </div>
        ) : null}
        <button
          type="button"
          className="button button-small stats-graphs-toggle"
          aria-expanded={graphs}
          data-testid="stats-graphs-toggle"
          onClick={() => setGraphs((open) => !open)}
        >
          {graphs ? 'Hide graphs' : 'Graphs'}
        </button>
      </footer>
    </div>
  );
}
