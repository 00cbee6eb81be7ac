import { useEffect, useState } from 'react';
import type { ReplayStatus } from '../../../shared/replay';
import { IDLE_REPLAY_STATUS } from '../../../shared/replay';
import { useActions, useServices, useStudio } from '../../stores/context';
import { shortenPath } from '../recording/recordingText';

const LABELS: Record<ReplayStatus['state'], string> = {
  idle: 'Replay buffer off',
  starting: 'Starting…',
  active: 'Replay buffer on',
  stopping: 'Stopping…',
  failed: 'Replay buffer stopped',
};

/**
 * Start / Stop Replay Buffer and Save Replay (OBS's), the seconds it holds and the last saved file.
 * The state comes from the engine's replay.state and replay.saved events (asked once on mount), so
 * a buffer started or saved elsewhere (a hotkey, obs-websocket) shows here too.
 *
 * Play last replay puts the saved file on air (replay.play) in the scene chosen beside it, with the
 * replay transition and return stored in Settings → Output → Replay buffer; in the program scene
 * itself it just plays there.
 */
export function ReplayControls() {
  const { bridge } = useServices();
  const { call } = useActions();
  const connected = useStudio((s) => s.connected);
  const [status, setStatus] = useState<ReplayStatus>(IDLE_REPLAY_STATUS);
  const [waiting, setWaiting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  /** The scene to show the replay in, by name; '' = the program scene. */
  const [target, setTarget] = useState('');
  const scenes = (useStudio((s) => s.document?.scenes) ?? []).filter((c) => !c.isGroup);
  const into = scenes.some((c) => c.name === target) ? target : '';

  useEffect(() => {
    let live = true;
    void call('replay.status', {}, { quiet: true }).then((r) => {
      if (live && r.ok) setStatus(r.value);
    });
    const off = bridge.subscribe((event) => {
      if (event.type === 'replay.state') setStatus(event.data);
      if (event.type === 'replay.saved') setStatus((s) => ({ ...s, lastReplay: event.data.path }));
    });
    return () => {
      live = false;
      off();
    };
  }, [bridge, call, connected]);

  const { state } = status;
  const on = state === 'active';

  const run = async (type: 'replay.start' | 'replay.stop' | 'replay.save') => {
    setWaiting(true);
    setProblem(null);
    const r = await call(type, {}, { quiet: true });
    if (!r.ok) setProblem(r.error.message);
    setWaiting(false);
  };

  const play = async () => {
    setWaiting(true);
    setProblem(null);
    const r = await call('replay.play', into ? { sceneName: into } : {}, { quiet: true });
    if (!r.ok) setProblem(r.error.message);
    setWaiting(false);
  };

  const error = problem ?? (state === 'failed' ? status.error : null);
  return (
    <div className="record-controls replay-controls" data-state={state} data-testid="replay-controls">
      <button
        type="button"
        className="button"
        data-testid="replay-toggle"
        disabled={!connected || waiting || state === 'starting' || state === 'stopping'}
        onClick={() => void run(on ? 'replay.stop' : 'replay.start')}
      >
        {on ? 'Stop Replay Buffer' : 'Start Replay Buffer'}
      </button>
      <button type="button" className="button" data-testid="replay-save" disabled={!connected || waiting || !on} onClick={() => void run('replay.save')}>
        Save Replay
      </button>
      <span className="record-state" role="status" data-testid="replay-state" data-state={state}>
        {LABELS[state]}
        {on ? ` (last ${status.maxSeconds} s)` : ''}
      </span>
      {error ? (
        <p className="record-error" role="alert" data-testid="replay-error">
          {error}
        </p>
      ) : null}
      {status.lastReplay ? (
        <p className="record-saved" data-testid="replay-saved">
          Replay:{' '}
          <span className="record-path" title={status.lastReplay} data-testid="replay-saved-path">
            {shortenPath(status.lastReplay)}
          </span>
        </p>
      ) : null}
      <div className="replay-play">
        <select
          className="input"
          aria-label="Scene to show the replay in"
          data-testid="replay-play-scene"
          value={into}
          onChange={(e) => setTarget(e.target.value)}
        >
          <option value="">In the program scene</option>
          {scenes.map((c) => (
            <option key={c.uuid} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
        <button type="button" className="button" data-testid="replay-play" disabled={!connected || waiting || !status.lastReplay} onClick={() => void play()}>
          Play last replay
        </button>
      </div>
    </div>
  );
}
