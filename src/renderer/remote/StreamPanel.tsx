import { useEffect, useState } from 'react';
import { ConfirmButton } from './ConfirmButton';
import { useActions, useConnected, useRemote } from './context';
import { formatBytes, formatTimecode } from './format';
import { goLiveSummary } from './goLive';
import { Panel } from './Panel';
import { StateBadge } from './StateBadge';

/**
 * Go live / stop for every enabled destination at once (StartStream / StopStream), and how it goes.
 * Go live takes two taps: the first shows where the show is about to go (goLive.ts), the second starts it.
 */
export function StreamPanel() {
  const phase = useRemote((s) => s.stream.phase);
  const timecode = useRemote((s) => s.stream.timecode);
  const bytes = useRemote((s) => s.stream.bytes);
  const congestion = useRemote((s) => s.stream.congestion);
  const busy = useRemote((s) => Boolean(s.busy['stream']));
  const connected = useConnected();
  const actions = useActions();
  const destinations = useRemote((s) => s.destinations);
  const running = phase !== 'idle';
  const [asking, setAsking] = useState(false);
  const off = !connected || busy || running;
  // Started some other way (the studio, another remote) or the connection dropped: nothing to confirm.
  useEffect(() => {
    if (off) setAsking(false);
  }, [off]);
  const summary = goLiveSummary(destinations);
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
      {asking && !off ? (
        <div className="go-live-summary" role="group" aria-label="Go live to" data-testid="remote-go-live-summary">
          <p>{summary.message}</p>
          {summary.names.length > 0 ? (
            <ul>
              {summary.names.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <div className="button-row">
        {asking && !off ? (
          <span className="confirm" role="group">
            <button type="button" className="button" data-testid="remote-go-live-cancel" onClick={() => setAsking(false)}>
              Cancel
            </button>
            <button
              type="button"
              className="button button-live is-armed"
              data-testid="remote-go-live-confirm"
              autoFocus
              onClick={() => {
                setAsking(false);
                void actions.startStream();
              }}
              onKeyDown={(e) => {
                if (e.key === 'Escape') setAsking(false);
              }}
            >
              {summary.confirmLabel}
            </button>
          </span>
        ) : (
          <button type="button" className="button button-live" data-testid="remote-go-live" disabled={off} onClick={() => setAsking(true)}>
            Go live
          </button>
        )}
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
