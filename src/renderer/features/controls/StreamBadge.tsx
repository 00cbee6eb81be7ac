import type { DestinationState } from '../../../shared';

/** The output state as a colored badge; the text is the state name (tests read it). */
export function StreamBadge({ state }: { state: DestinationState }) {
  return (
    <span className={`badge badge-${state}`} data-testid="stream-state" role="status" aria-label={`Stream state: ${state}`}>
      {state}
    </span>
  );
}
