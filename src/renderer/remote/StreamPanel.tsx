import { ConfirmButton } from './ConfirmButton';
import { useActions, useConnected, useRemote } from './context';
import { formatBytes, formatTimecode } from './format';
import { Panel } from './Panel';
import { StateBadge } from './StateBadge';

/** Go live / stop for every enabled destination at once (StartStream / StopStream), and how it goes. */
export function StreamPanel() {
  const phase = useRemote((s) => s.stream.phase);
  const timecode = useRemote((s) => s.stream.timecode);
  const bytes = useRemote((s) => s.stream.bytes);
  const congestion = useRemote((s) => s.stream.congestion);
  const busy = useRemote((s) => Boolean(s.busy['stream']));
  const connected = useConnected();
  const actions = useActions();
  const running = phase !== 'idle';
  return (
    <Panel title="Stream" testid="remote-stream">
      <div className="stream-status">
        <StateBadge state={phase} testid="remote-stream-state" />
        <span className="stat" data-testid="remote-stream-time">
          {formatTimecode(timecode)}
        </span>
        <span className="stat">{formatBytes(bytes)}</span>
        {running && congestion > 0.1 ? <span className="stat stat-warn">Congested {Math.round(congestion * 100)}%</span> : null}
      </div>
      <div className="button-row">
        <button
          type="button"
          className="button button-live"
          data-testid="remote-go-live"
          disabled={!connected || busy || running}
          onClick={() => void actions.startStream()}
        >
          Go live
        </button>
        <ConfirmButton
          className="button button-stop"
          testid="remote-stop"
          confirmLabel="Tap again to stop"
          disabled={!connected || busy || !running}
          onConfirm={() => void actions.stopStream()}
        >
          Stop
        </ConfirmButton>
      </div>
    </Panel>
  );
}
