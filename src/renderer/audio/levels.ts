/**
 * Audio meters: what one AnalyserNode holds now (RMS and peak, linear), and the reporter that sends
 * every voice's meter to the engine (renderer.audioLevels) ~20 times a second. The engine keeps
 * only the output owner's report and forwards it to obs-websocket's InputVolumeMeters.
 */
import type { InputLevels, StudioBridge } from '../../shared';

/** 2048 samples at 48 kHz are ~43 ms: a bit less than one report's worth, so no sample counts twice. */
export const FFT_SIZE = 2048;
/** OBS meters beat every 50 ms. */
export const REPORT_MS = 50;
/** A renderer that is not the output owner asks again after about a second. */
const NOT_OWNER_WAIT_TICKS = 20;

type Readable = Pick<AnalyserNode, 'getFloatTimeDomainData'>;

export function measure(analyser: Readable, samples: Float32Array<ArrayBuffer>): { rms: number; peak: number } {
  analyser.getFloatTimeDomainData(samples);
  let sum = 0;
  let peak = 0;
  for (const v of samples) {
    sum += v * v;
    const a = Math.abs(v);
    if (a > peak) peak = a;
  }
  return { rms: Math.sqrt(sum / samples.length), peak };
}

export interface LevelTimers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/**
 * Polls levels() every REPORT_MS and sends them while anything plays; when the last voice goes away
 * it sends one empty report, so the engine's meters fall at once, and then stays quiet. Every
 * compositor claims program output, but the engine keeps only the owner's report (it answers
 * kept: false to the rest), so a renderer that is not the owner asks again only once a second.
 */
export class LevelReporter {
  private sentLevels = false;
  /** Ticks to skip before asking again after the engine did not keep a report. */
  private wait = 0;
  private readonly timer: unknown;

  constructor(
    private readonly bridge: Pick<StudioBridge, 'invoke'>,
    private readonly levels: () => InputLevels[],
    private readonly timers: LevelTimers = { setInterval: (fn, ms) => setInterval(fn, ms), clearInterval: (h) => clearInterval(h as number) },
    /** Told whether the engine kept the last report: this renderer's mixer is the one that counts. */
    private readonly onKept: (kept: boolean) => void = () => {},
  ) {
    this.timer = timers.setInterval(() => this.tick(), REPORT_MS);
  }

  dispose(): void {
    this.timers.clearInterval(this.timer);
  }

  private tick(): void {
    if (this.wait > 0) {
      this.wait--;
      return;
    }
    const levels = this.levels();
    if (levels.length === 0 && !this.sentLevels) return;
    this.sentLevels = levels.length > 0;
    // Fire and forget: a lost report is replaced 50 ms later.
    void this.bridge.invoke('renderer.audioLevels', { levels }).then(
      (r) => {
        if (!r.ok) return;
        if (!r.value.kept) this.wait = NOT_OWNER_WAIT_TICKS;
        this.onKept(r.value.kept);
      },
      () => {},
    );
  }
}
