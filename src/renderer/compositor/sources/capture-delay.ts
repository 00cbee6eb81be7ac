/**
 * How long after its capture a device's picture is shown and its sound heard, shared by the two
 * halves of one device (a camera and its microphone), so the program pairs them by their capture
 * stamps whatever each path costs on the way. OBS does the same with its sources' timestamps and a
 * global audio buffer. A sound chunk that comes too late for its place (a loaded machine) raises the
 * delay to fit it, so the pair stays together and the sound has no gap from then on; after a calm
 * while it comes back down a step at a time.
 */
export const CAPTURE_DELAY_MS = 160;
export const CAPTURE_DELAY_MAX_MS = 300;
/** Headroom added above what a late chunk needed, so the next late one fits. */
const LATE_HEADROOM_MS = 20;
/** A calm this long lowers the delay by one step. */
const CALM_MS = 30_000;
const STEP_MS = 20;

export class CaptureDelay {
  private value: number;
  private calmSince: number;

  /** `base` and `max`: a path other than a local device's (a browser source's page) has its own. */
  constructor(
    now = 0,
    private readonly base = CAPTURE_DELAY_MS,
    private readonly max = CAPTURE_DELAY_MAX_MS,
  ) {
    this.calmSince = now;
    this.value = base;
  }

  /** The delay at page time `now`, ms (a calm while lowers it towards its base). */
  at(now: number): number {
    if (this.value > this.base && now - this.calmSince > CALM_MS) {
      this.value = Math.max(this.base, this.value - STEP_MS);
      this.calmSince = now;
    }
    return this.value;
  }

  /** A chunk needed `neededMs` of delay at page time `now`: raise to fit it, with headroom. */
  late(neededMs: number, now: number): void {
    this.value = Math.min(this.max, Math.max(this.value, Math.ceil(neededMs + LATE_HEADROOM_MS)));
    this.calmSince = now;
  }
}
