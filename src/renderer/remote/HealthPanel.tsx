import { useRemote } from './context';
import { Panel } from './Panel';
import { StateBadge } from './StateBadge';

/**
 * How the show is holding up, at a glance: CPU, the canvas's frame rate, frames lost (dropped by
 * the network, skipped by the encoder, lagged by the canvas), the bitrate being sent, and each
 * destination's state. From GetStats, GetStreamStatus and the destinations' own figures.
 */
export function HealthPanel() {
  const health = useRemote((s) => s.health);
  const destinations = useRemote((s) => s.destinations);
  const live = (destinations ?? []).filter((d) => d.state === 'live');
  const bitrate = live.reduce((n, d) => n + d.bitrateKbps, 0);
  const dropped = (destinations ?? []).reduce((n, d) => n + d.dropped, 0);
  return (
    <Panel title="Health" testid="remote-health">
      <dl className="health-grid">
        <div>
          <dt>CPU</dt>
          <dd data-testid="remote-health-cpu">{health ? `${Math.round(health.cpuPercent)} %` : '—'}</dd>
        </div>
        <div>
          <dt>FPS</dt>
          <dd data-testid="remote-health-fps">{health ? health.activeFps.toFixed(1) : '—'}</dd>
        </div>
        <div>
          <dt>Dropped</dt>
          <dd data-testid="remote-health-dropped" className={dropped + (health?.skippedFrames ?? 0) > 0 ? 'stat-warn' : undefined}>
            {dropped} · {health?.skippedFrames ?? 0} skipped
          </dd>
        </div>
        <div>
          <dt>Bitrate</dt>
          <dd data-testid="remote-health-bitrate">{live.length > 0 ? `${Math.round(bitrate)} kbps` : '—'}</dd>
        </div>
      </dl>
      {destinations && destinations.length > 0 ? (
        <ul className="health-dests">
          {destinations.map((d) => (
            <li key={d.id} data-testid={`remote-health-dest-${d.name}`}>
              <span className="health-dest-name">{d.name}</span>
              <StateBadge state={d.state} />
            </li>
          ))}
        </ul>
      ) : null}
    </Panel>
  );
}
