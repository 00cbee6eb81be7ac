/**
 * What the remote shows between the Go live tap and the start: the destinations the studio's own Go
 * Live starts (the enabled ones). The studio starts at once and warns afterwards (an over-budget
 * uplink is a notice, never a refusal); a tablet is easier to brush by accident, so the remote asks
 * once, showing where the show is about to go.
 */
import type { DestinationInfo } from './store';

export interface GoLiveSummary {
  /** The enabled destinations' names, in the studio's order. */
  names: string[];
  /** One line for the confirmation. */
  message: string;
  /** The confirm button's words. */
  confirmLabel: string;
}

export function goLiveSummary(destinations: readonly DestinationInfo[] | null): GoLiveSummary {
  if (destinations === null) {
    return { names: [], message: 'The destination list is not loaded: the studio starts every enabled destination.', confirmLabel: 'Go live now' };
  }
  const names = destinations.filter((d) => d.enabled).map((d) => d.name);
  if (names.length === 0) {
    return { names, message: 'No destination is enabled: the studio will refuse to start. Enable one in the studio’s settings.', confirmLabel: 'Go live anyway' };
  }
  const count = names.length === 1 ? '1 destination' : `${names.length} destinations`;
  return { names, message: `Goes live to ${count}:`, confirmLabel: `Go live to ${count}` };
}
