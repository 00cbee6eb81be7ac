/**
 * Probe results per FFmpeg binary and version. A probe costs a few seconds of real encodes, and its
 * answer changes only when the binary, its version or the machine's hardware/drivers change: the
 * first two are the key, the last is what invalidate() is for (a "probe again" button, a driver
 * update). Concurrent callers for the same key share one probe.
 */
import type { EncoderProbe } from './probe';

export interface ProbeKey {
  path: string;
  version: string;
}

const keyOf = (k: ProbeKey): string => `${k.path}\u0000${k.version}`;

export class EncoderProbeCache {
  private readonly entries = new Map<string, { path: string; result: Promise<EncoderProbe[]> }>();

  /** The cached probes for this binary, or run() once to get them. A run that rejects is not kept. */
  get(key: ProbeKey, run: () => Promise<EncoderProbe[]>): Promise<EncoderProbe[]> {
    const k = keyOf(key);
    const hit = this.entries.get(k);
    if (hit) return hit.result;
    const result = run();
    this.entries.set(k, { path: key.path, result });
    result.catch(() => {
      if (this.entries.get(k)?.result === result) this.entries.delete(k);
    });
    return result;
  }

  /** Whether probes for this binary are cached (finished or in flight). */
  has(key: ProbeKey): boolean {
    return this.entries.has(keyOf(key));
  }

  /** Forgets one binary's probes (all its versions), or everything when no path is given. */
  invalidate(path?: string): void {
    if (path === undefined) {
      this.entries.clear();
      return;
    }
    for (const [k, e] of this.entries) if (e.path === path) this.entries.delete(k);
  }
}
