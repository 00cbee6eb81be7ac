import { useActions, useConnected, useRemote } from './context';
import { Meter } from './Meter';
import type { AudioInput } from './store';

/** One input with audio: name, live meter, and a big mute toggle. */
export function AudioStrip({ input }: { input: AudioInput }) {
  const actions = useActions();
  const connected = useConnected();
  const busy = useRemote((s) => Boolean(s.busy[`mute:${input.name}`]));
  return (
    <div className={input.muted ? 'strip strip-muted' : 'strip'}>
      <span className="strip-name">{input.name}</span>
      <Meter inputName={input.name} muted={input.muted} />
      <button
        type="button"
        className={input.muted ? 'button button-mute is-on' : 'button button-mute'}
        data-testid={`remote-mute-${input.name}`}
        aria-pressed={input.muted}
        aria-label={`Mute ${input.name}`}
        disabled={!connected || busy}
        onClick={() => void actions.toggleMute(input.name)}
      >
        {input.muted ? 'Muted' : 'Mute'}
      </button>
    </div>
  );
}
