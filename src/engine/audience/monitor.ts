/**
 * Audience numbers per destination, where the receiving server exposes them (nginx-rtmp's stat page,
 * SRS's HTTP API, or any JSON URL + field path). While a destination sends, its source is polled every
 * few seconds; its figure is the last good reading, or null with the reason when there is none — a
 * destination without a source reads "not available", never 0.
 */
import type { AudienceSource, Result } from '../../shared';
import type { Clock, TimerHandle } from '../api';
import { jsonPathViewers, nginxRtmpViewers, srsViewers, unavailable, type StreamRef } from './readers';

export interface AudienceReading {
  viewers: number | null;
  /** Why there is no figure (no source configured, the server's answer, a timeout). */
  note: string | null;
}

export interface AudienceMonitorOptions {
  clock: Clock;
  /** Destinations sending now: only those are polled. */
  active: () => ReadonlySet<string>;
  fetch?: typeof fetch;
  everyMs?: number;
  timeoutMs?: number;
}

interface Watched {
  source: AudienceSource;
  stream: StreamRef | null;
  reading: AudienceReading;
  busy: boolean;
}

const NOT_CONFIGURED: AudienceReading = { viewers: null, note: 'not available: this destination has no audience source' };

export class AudienceMonitor {
  private readonly watched = new Map<string, Watched>();
  private timer: TimerHandle | null = null;
  private disposed = false;

  constructor(private readonly opts: AudienceMonitorOptions) {}

  /** Starts (or changes) the source a destination's audience is read from. */
  watch(id: string, source: AudienceSource | null, stream: StreamRef | null): void {
    if (this.disposed) return;
    if (!source) {
      this.watched.delete(id);
      return;
    }
    this.watched.set(id, { source, stream, reading: { viewers: null, note: 'not available yet: waiting for the first reading' }, busy: false });
    this.timer ??= this.opts.clock.setInterval(() => this.poll(), this.opts.everyMs ?? 5000);
    this.poll();
  }

  reading(id: string): AudienceReading {
    return this.watched.get(id)?.reading ?? NOT_CONFIGURED;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) this.opts.clock.clearInterval(this.timer);
    this.timer = null;
    this.watched.clear();
  }

  private poll(): void {
    const active = this.opts.active();
    for (const [id, w] of this.watched) {
      if (!active.has(id)) {
        w.reading = { viewers: null, note: 'not available while the destination is not sending' };
        continue;
      }
      if (w.busy) continue;
      w.busy = true;
      void this.read(w).then((reading) => {
        w.busy = false;
        // A reading that lands after the destination stopped or was re-watched is dropped.
        if (!this.disposed && this.watched.get(id) === w && this.opts.active().has(id)) w.reading = reading;
      });
    }
  }

  private async read(w: Watched): Promise<AudienceReading> {
    const { source } = w;
    const needsStream = source.kind !== 'json';
    if (needsStream && !w.stream) return { viewers: null, note: 'not available: the destination’s URL names no RTMP application and stream' };
    const url = source.kind === 'srs' ? `${source.url.replace(/\/+$/, '')}/api/v1/streams/?count=1000` : source.url;
    let body: string;
    try {
      const res = await (this.opts.fetch ?? fetch)(url, { signal: AbortSignal.timeout(this.opts.timeoutMs ?? 3000), redirect: 'error' });
      if (!res.ok) return { viewers: null, note: `not available: the audience source answered HTTP ${res.status}` };
      body = await res.text();
    } catch (e) {
      const timeout = e instanceof DOMException && e.name === 'TimeoutError';
      return { viewers: null, note: timeout ? 'not available: the audience source did not answer in time' : 'not available: the audience source cannot be reached' };
    }
    const result =
      source.kind === 'nginx_rtmp'
        ? nginxRtmpViewers(body, w.stream!)
        : fromJson(body, (json) => (source.kind === 'srs' ? srsViewers(json, w.stream!) : jsonPathViewers(json, source.path)));
    return result.ok ? { viewers: result.value, note: null } : { viewers: null, note: `not available: ${result.error.message}` };
  }
}

function fromJson(body: string, read: (json: unknown) => Result<number>): Result<number> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return unavailable('the audience source did not answer with JSON');
  }
  return read(json);
}
