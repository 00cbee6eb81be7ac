/**
 * The compositor's problems as notices (renderer.warning): a LUT or mask it cannot read, a stinger
 * that does not play. The page tells each problem once a minute at most, but a page loads again (a
 * reload, a second headless start) and would tell it again; the same text is shown at most once a minute.
 */
import { RENDERER_WARNING_REPEAT_MS, RepeatGate } from '../shared';
import type { Clock } from './api';

/** How long the same warning is not shown again (the page waits as long before telling it again). */
export const WARNING_REPEAT_MS = RENDERER_WARNING_REPEAT_MS;
/** Texts remembered at most; the oldest is forgotten first (a page cannot grow the engine's memory). */
const REMEMBERED = 200;

export class RendererWarnings {
  private readonly gate = new RepeatGate(WARNING_REPEAT_MS, REMEMBERED);

  constructor(
    private readonly clock: Pick<Clock, 'now'>,
    private readonly notify: (message: string) => void,
  ) {}

  report(message: string): void {
    if (this.gate.pass(message, this.clock.now())) this.notify(message);
  }
}
