import { useActions, useConnected, useRemote } from './context';
import { Monitor } from './Monitor';
import { TBar } from './TBar';

/** Studio mode only: preview beside program, and Take (or the T-bar) to put the preview on air. */
export function StudioModePanel() {
  const enabled = useRemote((s) => s.studioMode.supported && s.studioMode.enabled);
  const preview = useRemote((s) => s.preview);
  const program = useRemote((s) => s.program);
  const busy = useRemote((s) => Boolean(s.busy['take']));
  const transitioning = useRemote((s) => s.transitioning);
  const connected = useConnected();
  const actions = useActions();
  if (!enabled) return null;
  return (
    <section className="panel studio" aria-label="Studio mode" data-testid="remote-studio">
      <Monitor kind="preview" scene={preview} />
      <div className="studio-controls">
        <button
          type="button"
          className="button button-take"
          data-testid="remote-take"
          disabled={!connected || busy || transitioning || !preview || preview === program}
          title={transitioning ? 'A transition is running' : undefined}
          onClick={() => void actions.take()}
        >
          {transitioning ? 'Taking…' : 'Take'}
        </button>
        <TBar />
      </div>
      <Monitor kind="program" scene={program} />
    </section>
  );
}
