import { useStore } from 'zustand';
import type { Destination } from '../../../shared';
import { useStudio } from '../../stores/context';
import { useDestinationStatus } from '../controls/destinationStatus';
import { Dock } from '../layout/Dock';
import { formatBitrate, formatBytes, formatFps, formatMs, formatSpeed, formatUptime } from './format';
import { graphsStore, toggleGraphs } from './graphs';
import { StatsPanel } from './StatsPanel';
import { useStatsFigures } from './useStatsFigures';
import './stats.css';

/** A stable empty list (a new [] per read would re-render forever). */
const NONE: readonly Destination[] = [];

/** One row of the figures: OBS's Stats dock names them the same way. */
function Row({ label, value, testId, warn, title }: { label: string; value: string; testId?: string; warn?: boolean; title?: string }) {
  return (
    <tr className={warn ? 'stats-row stat-warn' : 'stats-row'} title={title}>
      <th scope="row">{label}</th>
      <td className="stat-value" data-testid={testId}>
        {value}
      </td>
    </tr>
  );
}

/** A destination's state and numbers, from the same feed the destination editor reads. */
function DestinationRow({ dest }: { dest: Destination }) {
  const s = useDestinationStatus(dest.id);
  return (
    <tr data-testid={`stats-dest-${dest.id}`} className={s.dropped > 0 ? 'stat-warn' : undefined}>
      <th scope="row">{dest.name}</th>
      <td data-testid="stats-dest-state">{s.state}</td>
      <td className="stat-value">{formatBitrate(s.bitrateKbps)}</td>
      <td className="stat-value">{s.dropped}</td>
    </tr>
  );
}

/**
 * OBS's Stats dock: the figures the status bar shows, one per row with OBS's wording, each
 * destination's state and bitrate, and the graphs of the last ten minutes when opened. The graphs
 * live here, so opening them takes room from the docks beside the preview, never from the preview.
 */
export function StatsDock() {
  const graphs = useStore(graphsStore, (s) => s.open);
  const destinations = useStudio((s) => s.document?.destinations ?? NONE);
  const f = useStatsFigures();
  const { stats } = f;
  return (
    <Dock
      title="Stats"
      className="dock-stats"
      actions={
        <button type="button" className="button button-small" aria-expanded={graphs} data-testid="stats-dock-graphs" onClick={toggleGraphs}>
          {graphs ? 'Hide graphs' : 'Graphs'}
        </button>
      }
    >
      <table className="stats-table" aria-label="Stats">
        <tbody>
          <Row label="State" value={f.state} testId="stats-dock-state" />
          <Row label="CPU usage" value={`${Math.round(stats.cpuPercent)} %`} testId="stats-dock-cpu" />
          <Row label="FPS" value={f.canvasFps ?? '—'} testId="stats-dock-fps" title={f.canvasHint} />
          <Row label="Average time to render frame" value={formatMs(f.renderMs)} testId="stats-dock-render" />
          <Row label="Frames missed due to rendering lag" value={String(stats.lagged)} testId="stats-dock-lagged" warn={stats.lagged > 0} />
          <Row label="Skipped frames due to encoding lag" value={String(stats.skipped)} testId="stats-dock-skipped" warn={stats.skipped > 0} />
          <Row label="Dropped frames (FFmpeg)" value={String(stats.dropped)} testId="stats-dock-dropped" warn={stats.dropped > 0} />
          <Row label="Encoded" value={f.idle ? '—' : `${formatFps(stats.fps)} fps`} testId="stats-dock-encoded" />
          <Row label="Bitrate" value={formatBitrate(stats.bitrateKbps)} testId="stats-dock-bitrate" />
          <Row label="Data sent" value={formatBytes(stats.bytesSent)} />
          <Row label={f.uptimeLabel} value={formatUptime(f.uptimeMs)} />
          <Row label="Encoder speed" value={formatSpeed(stats.encoderSpeed)} />
        </tbody>
      </table>
      {destinations.length > 0 ? (
        <table className="stats-table stats-destinations" aria-label="Destinations">
          <thead>
            <tr>
              <th scope="col">Destination</th>
              <th scope="col">State</th>
              <th scope="col">Bitrate</th>
              <th scope="col">Dropped</th>
            </tr>
          </thead>
          <tbody>
            {destinations.map((d) => (
              <DestinationRow key={d.id} dest={d} />
            ))}
          </tbody>
        </table>
      ) : null}
      {graphs ? <StatsPanel /> : null}
    </Dock>
  );
}
