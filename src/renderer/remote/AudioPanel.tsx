import { AudioStrip } from './AudioStrip';
import { useRemote } from './context';
import { Panel } from './Panel';

/** Inputs that carry audio (the studio answers GetInputMute for them): mute toggles and meters. */
export function AudioPanel() {
  const audio = useRemote((s) => s.audio);
  return (
    <Panel title="Audio" testid="remote-audio">
      {audio.length ? (
        <div className="audio-list">
          {audio.map((input) => (
            <AudioStrip key={input.name} input={input} />
          ))}
        </div>
      ) : (
        <p className="empty" data-testid="remote-audio-empty">
          No inputs with audio.
        </p>
      )}
    </Panel>
  );
}
