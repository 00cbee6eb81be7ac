/**
 * The compositor's problems as notices (renderer.warning): a LUT or mask it cannot read, a stinger
 * that does not play. The page tells each problem once, but a page loads again (a reload, a second
 * headless start) and would tell it again; the same text is shown at most once a minute.
 */
import type { Clock } from './api';

/** How long the same warning is not shown again. */
export const WARNING_REPEAT_MS = 60_000;
/** Texts remembered at most; the oldest is forgotten first (a page cannot grow the engine's memory). */
const REMEMBERED = 200;

export class RendererWarnings {
  private readonly shown = new Map<string, number>();

  constructor(
    private readonly clock: Pick<Clock, 'now'>,
    private readonly notify: (message: string) => void,
  ) {}

  report(message: string): void {
    const now = this.clock.now();
    const last = this.shown.get(message);
    if (last !== undefined && now - last < WARNING_REPEAT_MS) return;
    this.shown.delete(message);
    this.shown.set(message, now);
    if (this.shown.size > REMEMBERED) this.shown.delete(this.shown.keys().next().value!);
    this.notify(message);
  }
}
