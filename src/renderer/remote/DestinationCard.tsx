import { ConfirmButton } from './ConfirmButton';
import { useActions, useConnected, useRemote } from './context';
import { formatBytes, formatKbps } from './format';
import { StateBadge } from './StateBadge';
import type { DestinationInfo } from './store';

const RUNNING = new Set(['connecting', 'live', 'reconnecting']);
const RETRYABLE = new Set(['reconnecting', 'failed']);

/** One destination: its state badge, bitrate / bytes / reconnects, and start, stop, retry now. */
export function DestinationCard({ destination: d }: { destination: DestinationInfo }) {
  const actions = useActions();
  const connected = useConnected();
  const busy = useRemote((s) => Boolean(s.busy[`dest:${d.id}`]));
  const running = RUNNING.has(d.state);
  return (
    <article className={`dest dest-${d.state}`} data-testid={`remote-dest-${d.name}`} aria-label={d.name}>
      <header className="dest-head">
        <span className="dest-name">{d.name}</span>
        {d.enabled ? null : <span className="tag">Not in Go live</span>}
        <StateBadge state={d.state} testid={`remote-dest-state-${d.name}`} />
      </header>
      <dl className="dest-stats">
        <div>
          <dt>Bitrate</dt>
          <dd data-testid={`remote-dest-bitrate-${d.name}`}>{formatKbps(d.bitrateKbps)}</dd>
        </div>
        <div>
          <dt>Sent</dt>
          <dd data-testid={`remote-dest-bytes-${d.name}`}>{formatBytes(d.bytes)}</dd>
        </div>
        <div>
          <dt>Reconnects</dt>
          <dd data-testid={`remote-dest-reconnects-${d.name}`}>{d.reconnects}</dd>
        </div>
        <div>
          <dt>Dropped</dt>
          <dd>{d.dropped}</dd>
        </div>
        <div>
          <dt>Viewers</dt>
          <dd data-testid={`remote-dest-viewers-${d.name}`}>{d.viewers === null ? 'not available' : d.viewers}</dd>
        </div>
      </dl>
      {d.lastError && d.state !== 'live' && d.state !== 'idle' ? (
        <p className="dest-error" role="alert">
          {d.lastError}
        </p>
      ) : null}
      <div className="button-row">
        <button
          type="button"
          className="button button-live"
          data-testid={`remote-dest-start-${d.name}`}
          disabled={!connected || busy || running || d.state === 'stopping'}
          onClick={() => void actions.startDestination(d)}
        >
          Start
        </button>
        {RETRYABLE.has(d.state) ? (
          <button
            type="button"
            className="button"
            data-testid={`remote-dest-reconnect-${d.name}`}
            disabled={!connected || busy}
            onClick={() => void actions.reconnectDestination(d)}
          >
            Retry now
          </button>
        ) : null}
        <ConfirmButton
          className="button button-stop"
          testid={`remote-dest-stop-${d.name}`}
          confirmLabel="Tap again to stop"
          disabled={!connected || busy || d.state === 'idle'}
          onConfirm={() => void actions.stopDestination(d)}
        >
          Stop
        </ConfirmButton>
      </div>
    </article>
  );
}
