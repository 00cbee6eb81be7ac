import { ConfirmButton } from './ConfirmButton';
import { useActions, useConnected, useRemote } from './context';
import { formatBytes, formatTimecode } from './format';
import { Panel } from './Panel';
import { StateBadge } from './StateBadge';

/** The last part of a path, so a phone shows the file's name ("…/2026-12-05 11-02-03.mkv"). */
const fileName = (path: string): string => path.split(/[/\\]/).pop() ?? path;

/**
 * Record / Stop recording (StartRecord / StopRecord), as the stream's buttons: starting is one tap,
 * as Go live is in the studio and here; stopping asks "Tap again to stop". While it records: the
 * time, the size and the file being written.
 */
export function RecordPanel() {
  const record = useRemote((s) => s.record);
  const busy = useRemote((s) => Boolean(s.busy['record']));
  const connected = useConnected();
  const actions = useActions();
  const state = record.changing ?? (record.active ? 'recording' : 'idle');
  return (
    <Panel title="Record" testid="remote-record">
      <div className="stream-status">
        <StateBadge state={state === 'recording' ? 'live' : state === 'idle' ? 'idle' : state} label={state} testid="remote-record-state" />
        <span className="stat" data-testid="remote-record-time">
          {formatTimecode(record.timecode)}
        </span>
        <span className="stat">{formatBytes(record.bytes)}</span>
      </div>
      {record.active && record.path ? (
        <p className="record-file" title={record.path} data-testid="remote-record-path">
          {fileName(record.path)}
        </p>
      ) : null}
      <div className="button-row">
        <button
          type="button"
          className="button button-live"
          data-testid="remote-record-start"
          disabled={!connected || busy || record.active || record.changing !== null}
          onClick={() => void actions.startRecord()}
        >
          Record
        </button>
        <ConfirmButton
          className="button button-stop"
          testid="remote-record-stop"
          confirmLabel="Tap again to stop"
          disabled={!connected || busy || !record.active}
          onConfirm={() => void actions.stopRecord()}
        >
          Stop recording
        </ConfirmButton>
      </div>
    </Panel>
  );
}
