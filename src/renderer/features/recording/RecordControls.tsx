import { useEffect, useState } from 'react';
import { useActions, useServices, useStudio } from '../../stores/context';
import { freeText, progressText, shortenPath, STATE_LABELS } from './recordingText';

interface Saved {
  path: string;
  remuxedPath: string | null;
}

/**
 * Record / Stop Recording, independent of the stream: the state, elapsed time and size while it
 * records, why it failed, and where the last recording was saved. The saved file comes from the
 * engine's record.saved event, so a recording stopped elsewhere (the remote API, a full disk) shows
 * too.
 */
export function RecordControls() {
  const { bridge } = useServices();
  const { call } = useActions();
  const connected = useStudio((s) => s.connected);
  const status = useStudio((s) => s.record);
  const [waiting, setWaiting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);

  useEffect(
    () =>
      bridge.subscribe((event) => {
        if (event.type === 'record.saved') setSaved({ path: event.data.path, remuxedPath: event.data.remuxedPath });
      }),
    [bridge],
  );

  const { state } = status;
  const running = state === 'recording';
  const active = running || state === 'starting' || state === 'stopping';

  const toggle = async () => {
    setWaiting(true);
    setProblem(null);
    if (running) {
      const r = await call('record.stop', {}, { quiet: true });
      if (r.ok) setSaved(r.value);
      else setProblem(r.error.message);
    } else {
      setSaved(null);
      const r = await call('record.start', {}, { quiet: true });
      if (!r.ok) setProblem(r.error.message);
    }
    setWaiting(false);
  };

  const error = problem ?? (state === 'failed' ? status.error : null);
  return (
    <div className="record-controls" data-state={state}>
      <button
        type="button"
        className={`button button-record${running ? ' is-recording' : ''}`}
        data-testid="record-toggle"
        disabled={!connected || waiting || state === 'starting' || state === 'stopping'}
        onClick={() => void toggle()}
      >
        <span className="record-dot" aria-hidden="true" />
        {running ? 'Stop Recording' : 'Record'}
      </button>
      <span className="record-state" role="status" data-testid="record-state" data-state={state}>
        {STATE_LABELS[state]}
        {active ? (
          <span className="record-progress" title={freeText(status.freeBytes) ?? undefined} data-testid="record-progress">
            {' '}
            {progressText(status)}
          </span>
        ) : null}
      </span>
      {error ? (
        <p className="record-error" role="alert" data-testid="record-error">
          {error}
        </p>
      ) : null}
      {running && status.path ? (
        <p className="record-saved" data-testid="record-live">
          Recording to{' '}
          <span className="record-path" title={status.path} data-testid="record-live-path">
            {shortenPath(status.path)}
          </span>
        </p>
      ) : null}
      {saved && !active ? (
        <p className="record-saved" data-testid="record-saved">
          Saved:{' '}
          <span className="record-path" title={saved.path} data-testid="record-saved-path">
            {shortenPath(saved.path)}
          </span>
          {saved.remuxedPath ? (
            <>
              {' '}
              + MP4{' '}
              <span className="record-path" title={saved.remuxedPath} data-testid="record-remuxed-path">
                {shortenPath(saved.remuxedPath)}
              </span>
            </>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}
