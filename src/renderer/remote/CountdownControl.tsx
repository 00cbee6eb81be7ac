import { countdownRemainingMs, formatClock, timeOfDayText } from '../../shared';
import { ClockButtons } from './ClockButtons';
import { useActions, useConnected, useRemote } from './context';
import type { GraphicInput } from './store';
import { useNow } from './useNow';

/** A countdown: what it reads now, start/stop/reset and its duration in minutes. */
export function CountdownControl({ g }: { g: GraphicInput }) {
  const actions = useActions();
  const connected = useConnected();
  const busy = useRemote((s) => Boolean(s.busy[`graphic:${g.name}`]));
  const toTime = g.settings['mode'] === 'time_of_day' || g.settings['mode'] === 'clock';
  const now = useNow(toTime || g.settings['clock_running'] === true);
  const left = countdownRemainingMs(g.settings, now);
  const minutes = typeof g.settings['duration_s'] === 'number' ? (g.settings['duration_s'] as number) / 60 : 5;
  return (
    <div className="graphic title" data-testid={`remote-countdown-${g.name}`}>
      <div className="graphic-head">
        <span className="field-label">{g.name}</span>
        <span className="graphic-clock" data-testid={`remote-countdown-left-${g.name}`}>
          {g.settings['mode'] === 'clock' ? timeOfDayText(now, true) : left === null ? '--:--' : formatClock(Math.ceil(left / 1000) * 1000)}
        </span>
      </div>
      {toTime ? null : (
        <>
          <label className="graphic-team">
            <span className="graphic-team-name">Minutes</span>
            <input
              key={minutes}
              className="input"
              type="number"
              min={0.1}
              step={0.5}
              defaultValue={+minutes.toFixed(2)}
              disabled={!connected || busy}
              onBlur={(e) => {
                const secs = Math.round(Number(e.target.value) * 60);
                if (secs >= 1 && secs !== Math.round(minutes * 60)) void actions.setGraphic(g.name, { duration_s: secs });
              }}
              onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
            />
          </label>
          <ClockButtons g={g} />
        </>
      )}
    </div>
  );
}
