import { countdownRemainingMs, formatClock, timeOfDayText } from '../../shared';
import { ClockButtons } from './ClockButtons';
import { useActions, useConnected, useRemote, useServices } from './context';
import { showNotice } from './store';
import type { GraphicInput } from './store';
import { useNow } from './useNow';

/** The countdown_timer kind's duration limits (its duration_s property), and the field's smallest step. */
const MIN_S = 6;
const MAX_S = 359_999;

/** A countdown: what it reads now, start/stop/reset and its duration in minutes. */
export function CountdownControl({ g }: { g: GraphicInput }) {
  const actions = useActions();
  const { store } = useServices();
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
              min={MIN_S / 60}
              step={0.5}
              defaultValue={+minutes.toFixed(2)}
              disabled={!connected || busy}
              onBlur={(e) => {
                const field = e.currentTarget;
                const shown = String(+minutes.toFixed(2));
                const typed = field.value.trim();
                const secs = Math.round(Number(typed) * 60);
                if (typed === shown || secs === Math.round(minutes * 60)) return;
                // Said in minutes, as the field reads (the studio's own limit is in seconds); the
                // field goes back to what the countdown has, so it never shows a value not in use.
                if (typed === '' || !Number.isFinite(secs) || secs < MIN_S || secs > MAX_S) {
                  field.value = shown;
                  showNotice(store, `Minutes must be a number from ${MIN_S / 60} to ${Math.floor(MAX_S / 60)}.`);
                  return;
                }
                void actions.setGraphic(g.name, { duration_s: secs }).then((taken) => {
                  if (!taken) field.value = shown;
                });
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
