import { useActions, useConnected, useRemote } from './context';
import type { GraphicInput } from './store';

/** Start/stop and reset for a graphic's clock (scoreboard game clock, countdown), through the studio's vendor requests. */
export function ClockButtons({ g }: { g: GraphicInput }) {
  const actions = useActions();
  const connected = useConnected();
  const busy = useRemote((s) => Boolean(s.busy[`graphic:${g.name}`]));
  const running = g.settings['clock_running'] === true;
  const off = !connected || busy;
  return (
    <div className="button-row">
      <button
        type="button"
        className={running ? 'button' : 'button button-primary'}
        data-testid={`remote-clock-toggle-${g.name}`}
        disabled={off}
        onClick={() => void actions.graphicRequest(g.name, running ? 'StopOverlayClock' : 'StartOverlayClock')}
      >
        {running ? 'Stop clock' : 'Start clock'}
      </button>
      <button
        type="button"
        className="button"
        data-testid={`remote-clock-reset-${g.name}`}
        disabled={off}
        onClick={() => void actions.graphicRequest(g.name, 'SetOverlayClock', { clockMs: 0 })}
      >
        Reset
      </button>
    </div>
  );
}
