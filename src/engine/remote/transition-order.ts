/**
 * Puts a program switch's events in OBS's order. The studio's document changes program as a
 * transition starts; OBS tells CurrentProgramSceneChanged when the transition has stopped (its
 * frontend's TransitionStopped), after SceneTransitionVideoEnded and SceneTransitionEnded — for a
 * stinger after its video has played out, its Ended being the cut point. Clients that take
 * CurrentProgramSceneChanged to mean "the new scene is fully on air" rely on that. So while a
 * transition runs, the program change (and, in studio mode, the swapped preview that comes with a
 * take) is held and let out after the transition's end events.
 */
import { STINGER_TRANSITION, type StudioEvent } from '../../shared';
import type { RemoteEvent } from './types';

export class TransitionOrder {
  private running = false;
  private held: RemoteEvent[] = [];
  /** True for the rest of the dispatch that held a program change: a take's preview swap joins it. */
  private swapping = false;

  /** The remote events `out` (translated from `event`) to send now, with any held ones let out. */
  pass(event: StudioEvent, out: RemoteEvent[]): RemoteEvent[] {
    switch (event.type) {
      case 'transition.started': {
        // The clock ends a running transition before starting another; a stray start lets out what waited.
        const waiting = this.held.splice(0);
        this.running = true;
        return [...waiting, ...out];
      }
      case 'scene.currentChanged':
        if (!this.running) return out;
        this.held.push(...out);
        if (!this.swapping) {
          this.swapping = true;
          queueMicrotask(() => (this.swapping = false));
        }
        return [];
      case 'scene.previewChanged':
        // Only the preview swapped by the same take waits. A preview picked mid-transition is told at
        // once, and the take's swap still waiting is stale then: told later, it would undo the pick.
        if (this.swapping) {
          this.held.push(...out);
          return [];
        }
        this.held = this.held.filter((e) => e.eventType !== 'CurrentPreviewSceneChanged');
        return out;
      case 'transition.ended':
        if (event.data.kind === STINGER_TRANSITION.id) return out;
        return this.stopped(out);
      case 'transition.videoEnded':
        return this.stopped(out);
      default:
        return out;
    }
  }

  private stopped(out: RemoteEvent[]): RemoteEvent[] {
    this.running = false;
    return [...out, ...this.held.splice(0)];
  }
}
