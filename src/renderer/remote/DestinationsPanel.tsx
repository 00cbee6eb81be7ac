import { useRemote } from './context';
import { DestinationCard } from './DestinationCard';
import { Panel } from './Panel';

/** Each destination on its own: state, numbers, start and stop (the studio's vendor requests). */
export function DestinationsPanel() {
  const destinations = useRemote((s) => s.destinations);
  const error = useRemote((s) => s.destinationsError);
  return (
    <Panel title="Destinations" testid="remote-destinations">
      {destinations === null ? (
        <p className="empty">{error ?? 'Loading…'}</p>
      ) : destinations.length === 0 ? (
        <p className="empty">No destinations yet: add them in the studio's settings.</p>
      ) : (
        <div className="dest-list">
          {destinations.map((d) => (
            <DestinationCard key={d.id} destination={d} />
          ))}
        </div>
      )}
    </Panel>
  );
}
