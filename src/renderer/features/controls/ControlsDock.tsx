import { useActions, useServices, useStudio } from '../../stores/context';
import { Dock } from '../layout/Dock';
import { Icon } from '../layout/Icon';
import { RecordControls } from '../recording/RecordControls';
import { ReplayControls } from '../replay/ReplayControls';
import { useDestinationStatusFeed } from './destinationStatus';
import { EncoderSummary } from './EncoderSummary';
import { StreamBadge } from './StreamBadge';

const RUNNING = new Set(['connecting', 'live', 'reconnecting']);

/** Go Live / Stop, the output state and why it failed, and the settings dialog. */
export function ControlsDock() {
  const { ui } = useServices();
  const { call } = useActions();
  const state = useStudio((s) => s.streamState);
  const error = useStudio((s) => s.streamError);
  const connected = useStudio((s) => s.connected);
  const running = RUNNING.has(state);
  // Always mounted, so the destinations' live states are known whenever Settings opens.
  useDestinationStatusFeed();
  return (
    <Dock title="Controls" className="dock-controls">
      <div className="controls">
        <div className="controls-status">
          <StreamBadge state={state} />
        </div>
        <button
          type="button"
          className="button button-live"
          data-testid="go-live"
          disabled={!connected || running || state === 'stopping'}
          onClick={() => void call('stream.start', {})}
        >
          Go Live
        </button>
        <button
          type="button"
          className="button button-stop"
          data-testid="stop-stream"
          disabled={!connected || !running}
          onClick={() => void call('stream.stop', {})}
        >
          Stop
        </button>
        <RecordControls />
        <ReplayControls />
        <button type="button" className="button" data-testid="settings-open" onClick={() => ui.setState({ settingsOpen: true })}>
          <Icon name="gear" /> Settings
        </button>
        {(state === 'failed' || state === 'reconnecting') && error ? (
          <p className="stream-error" role="alert" data-testid="stream-error">
            {error.message}
          </p>
        ) : null}
        <EncoderSummary />
      </div>
    </Dock>
  );
}
