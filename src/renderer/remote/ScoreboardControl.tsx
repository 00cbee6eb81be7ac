import { SCOREBOARD, formatClock, parseClock, scoreboardClockMs } from '../../shared';
import { ClockButtons } from './ClockButtons';
import { useActions, useConnected, useRemote, useServices } from './context';
import { showNotice, type GraphicInput } from './store';
import { useNow } from './useNow';

const score = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/**
 * A scoreboard's values: each team's score (±1, added by the studio to the score it has, so two
 * remotes pressing at once both count), the period and the game clock (start, stop, reset, or set
 * to a reading typed as m:ss). The layout stays the studio's.
 */
export function ScoreboardControl({ g }: { g: GraphicInput }) {
  const actions = useActions();
  const { store } = useServices();
  const connected = useConnected();
  const busy = useRemote((s) => Boolean(s.busy[`graphic:${g.name}`]));
  const now = useNow(g.settings['clock_running'] === true);
  const off = !connected || busy;
  const period = typeof g.settings['period'] === 'string' ? (g.settings['period'] as string) : '';

  const team = (side: 'home' | 'away') => {
    const key = `${side}_score`;
    const value = score(g.settings[key]);
    const name = typeof g.settings[`${side}_name`] === 'string' ? (g.settings[`${side}_name`] as string) : side;
    return (
      <div className="graphic-team">
        <span className="graphic-team-name">{name}</span>
        <button type="button" className="button" aria-label={`${name} minus one`} disabled={off || value <= 0} onClick={() => void actions.graphicRequest(g.name, 'AddScore', { side, delta: -1 })}>
          −
        </button>
        <span className="graphic-score" data-testid={`remote-score-${side}-${g.name}`}>
          {value}
        </span>
        <button
          type="button"
          className="button"
          aria-label={`${name} plus one`}
          data-testid={`remote-score-${side}-plus-${g.name}`}
          disabled={off || value >= 9999}
          onClick={() => void actions.graphicRequest(g.name, 'AddScore', { side, delta: 1 })}
        >
          +
        </button>
      </div>
    );
  };

  return (
    <div className="graphic title" data-testid={`remote-scoreboard-${g.name}`}>
      <div className="graphic-head">
        <span className="field-label">{g.name}</span>
        <span className="graphic-clock">{formatClock(scoreboardClockMs(g.settings, now))}</span>
      </div>
      {team('home')}
      {team('away')}
      <label className="graphic-team">
        <span className="graphic-team-name">Period</span>
        <input
          key={period}
          className="input"
          defaultValue={period}
          maxLength={12}
          disabled={off}
          onBlur={(e) => e.target.value !== period && void actions.setGraphic(g.name, { period: e.target.value })}
          onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
        />
      </label>
      <label className="graphic-team">
        <span className="graphic-team-name">Set clock</span>
        <input
          key={`${String(g.settings['clock_ms'])}:${String(g.settings['clock_started_at'])}`}
          className="input"
          placeholder="m:ss"
          inputMode="numeric"
          data-testid={`remote-clock-set-${g.name}`}
          disabled={off}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            const field = e.currentTarget;
            const shown = parseClock(field.value);
            if (shown === null) {
              showNotice(store, `"${field.value}" is not a clock reading: type m:ss or h:mm:ss (up to 99:59:59).`);
              return;
            }
            // The game clock reads what was typed: a clock counting down from the period's length
            // is set by the time gone, which is what the studio keeps.
            const elapsed = g.settings['clock_direction'] === 'down' ? Math.max(0, periodMs(g.settings) - shown) : shown;
            void actions.graphicRequest(g.name, 'SetOverlayClock', { clockMs: elapsed }).then((taken) => {
              if (taken) field.value = '';
            });
          }}
        />
      </label>
      <ClockButtons g={g} />
    </div>
  );
}

/** A down clock's period length, ms (the kind's default when unset). */
function periodMs(s: Record<string, unknown>): number {
  const len = s['period_length_s'];
  return (typeof len === 'number' && Number.isFinite(len) ? len : (SCOREBOARD.defaults.period_length_s as number)) * 1000;
}
