/**
 * The stats monitor: keeps at least ten minutes of one-second samples for the graphs, works out the
 * plain-language diagnosis of where frames are lost, and checks the bandwidth budget before going
 * live. It only listens to the engine's events (stream.stats, destination.stats) and the document.
 *
 * STUB: the contract is fixed (studio.ts wires it); the implementation lands separately.
 */
import type { BandwidthBudget, Diagnosis, StatsSample, StudioDocument, StudioEvent } from '../../shared';
import type { Clock, Disposable } from '../api';

export interface StatsMonitorOptions {
  clock: Clock;
  subscribe(listener: (event: StudioEvent) => void): Disposable;
  emit(event: StudioEvent): void;
  document(): StudioDocument;
}

export const NO_DIAGNOSIS: Diagnosis = {
  severity: 'ok',
  where: 'none',
  destinationId: null,
  destinationName: null,
  message: 'No frames are being lost.',
};

export class StatsMonitor {
  constructor(private readonly opts: StatsMonitorOptions) {}

  /** Oldest first. */
  history(): StatsSample[] {
    return [];
  }

  diagnosis(): Diagnosis {
    return NO_DIAGNOSIS;
  }

  budget(): BandwidthBudget {
    void this.opts;
    return { requiredKbps: 0, uplinkKbps: null, fits: null, perDestination: [], message: '' };
  }

  dispose(): void {}
}
