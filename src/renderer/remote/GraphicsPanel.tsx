import { useRemote } from './context';
import { CountdownControl } from './CountdownControl';
import { LowerThirdControl } from './LowerThirdControl';
import { Panel } from './Panel';
import { ScoreboardControl } from './ScoreboardControl';

/** Live graphics: lower thirds, scoreboards and countdowns, each with the controls a producer needs. */
export function GraphicsPanel() {
  const graphics = useRemote((s) => s.graphics);
  if (graphics.length === 0) return null;
  return (
    <Panel title="Graphics" testid="remote-graphics">
      <div className="title-list">
        {graphics.map((g) =>
          g.kind === 'lower_third' ? (
            <LowerThirdControl key={g.name} g={g} />
          ) : g.kind === 'scoreboard' ? (
            <ScoreboardControl key={g.name} g={g} />
          ) : (
            <CountdownControl key={g.name} g={g} />
          ),
        )}
      </div>
    </Panel>
  );
}
