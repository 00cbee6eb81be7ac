/**
 * Lets the same key through at most once per `repeatMs`, remembering at most `remembered` keys
 * (the oldest forgotten first, so no caller can grow it without bound). The compositor and the
 * engine both gate warnings with it: the page so that a problem that comes back later (a broken
 * LUT added again) is told again, the engine so that a page cannot flood people with notices.
 */
export class RepeatGate {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly repeatMs: number,
    private readonly remembered: number,
  ) {}

  /** Whether `key` may pass at time `now` (ms, any monotonic clock); a pass starts its wait again. */
  pass(key: string, now: number): boolean {
    const last = this.seen.get(key);
    if (last !== undefined && now - last < this.repeatMs) return false;
    // Re-inserted, so the map's order stays oldest first.
    this.seen.delete(key);
    this.seen.set(key, now);
    if (this.seen.size > this.remembered) this.seen.delete(this.seen.keys().next().value!);
    return true;
  }
}
