/**
 * The stats monitor: keeps at least ten minutes of one-second samples for the graphs, works out the
 * plain-language diagnosis of where frames are lost, and checks the bandwidth budget before going
 * live. It only listens to the engine's events (stream.stats, destination.stats) and the document.
 *
 * The history outlives stops and starts (a producer looks back at the minutes before a drop); the
 * sample's state marks where a run ended, and the graphs leave the gap empty.
 */
import type { BandwidthBudget, DestinationStats, Diagnosis, StatsSample, StudioDocument, StudioEvent } from '../../shared';
import type { Clock, Disposable } from '../api';
import { bandwidthBudget } from './budget';
import { findings } from './findings';
import { Ring } from './ring';
import { toSample } from './sample';
import { Settle } from './settle';
import { RUNNING, recentWindow } from './window';

export { NO_DIAGNOSIS } from './compose';

export interface StatsMonitorOptions {
  clock: Clock;
  subscribe(listener: (event: StudioEvent) => void): Disposable;
  emit(event: StudioEvent): void;
  document(): StudioDocument;
  /** Samples kept; default 900 (15 minutes, so the 10-minute graphs are full even after a reload). */
  capacity?: number;
}

export const HISTORY_SAMPLES = 900;
/** The diagnosis looks at this much of the newest history… */
export const WINDOW_MS = 10_000;
/** …and keeps a cause this long after it was last seen, before stepping down towards ok. */
export const CALM_MS = 10_000;

export class StatsMonitor {
  private readonly ring: Ring<StatsSample>;
  private readonly settle = new Settle(CALM_MS);
  private readonly subscription: Disposable;
  /** The destination.stats of the second being assembled (see onEvent). */
  private destinations: readonly DestinationStats[] = [];

  constructor(private readonly opts: StatsMonitorOptions) {
    this.ring = new Ring(opts.capacity ?? HISTORY_SAMPLES);
    this.subscription = opts.subscribe((event) => this.onEvent(event));
  }

  /** Oldest first. */
  history(): StatsSample[] {
    return this.ring.last();
  }

  diagnosis(): Diagnosis {
    return this.settle.current();
  }

  budget(): BandwidthBudget {
    return bandwidthBudget(this.opts.document());
  }

  dispose(): void {
    this.subscription.dispose();
  }

  /**
   * Each second the output emits destination.stats (when it has destinations) and then
   * stream.stats: the second closes with stream.stats, taking the destinations' numbers that came
   * just before it. They are used once, so a run without destinations gets none.
   */
  private onEvent(event: StudioEvent): void {
    if (event.type === 'destination.stats') {
      this.destinations = event.data.stats;
    } else if (event.type === 'stream.stats') {
      const sample = toSample(this.opts.clock.now(), event.data.stats, this.destinations);
      this.destinations = [];
      this.ring.push(sample);
      this.opts.emit({ type: 'stats.sample', data: { sample } });
      this.diagnose();
    }
  }

  private diagnose(): void {
    // More than the window holds, so the window ends at its span and not at the slice's edge.
    const window = recentWindow(this.ring.last(Math.ceil(WINDOW_MS / 1000) + 10), WINDOW_MS);
    let changed: Diagnosis | null;
    if (!window) changed = this.settle.reset(this.opts.clock.now());
    else {
      const { fpsNumerator, fpsDenominator } = this.opts.document().video;
      const fps = fpsNumerator / fpsDenominator;
      const last = this.ring.last(1)[0]!;
      const sending = last.destinations.filter((d) => RUNNING.includes(d.state)).length;
      changed = this.settle.update(findings(window, fps, WINDOW_MS / 1000), last.t, sending);
    }
    if (changed) this.opts.emit({ type: 'diagnosis.changed', data: changed });
  }
}
