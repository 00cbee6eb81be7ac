/**
 * Transition runtimes: the GPU half of a transition kind. A mix draws the picture at progress t
 * (0 = all the old scene, 1 = all the new one) from the two composed scenes, in one pass.
 */
import type { Settings } from '../../../shared';
import type { FilterGl } from '../filters/gl';
import type { Tex } from '../filters/types';
import type { Target } from '../gl/target';
import type { TransitionAssets } from './assets';

export interface TransitionKind {
  id: string;
  /**
   * `assets`: pictures some kinds draw with (luma images, stinger videos); null before the GL
   * pipeline exists. `fps`: the canvas rate (a stinger's point in frames).
   */
  mix(fx: FilterGl, from: Tex, to: Tex, out: Target, t: number, settings: Settings, assets: TransitionAssets | null, fps: number): void;
  /**
   * A kind whose length is its own (a stinger's video): starts it and says how long it lasts, ms.
   * `announcedMs`: the length the engine announced for this switch (transition.started), if heard.
   */
  start?(settings: Settings, assets: TransitionAssets | null, fps: number, announcedMs: number | null): number;
  /** For kinds with start: whether the transition is over (else it lasts start's duration). */
  finished?(settings: Settings, assets: TransitionAssets | null, durationMs: number): boolean;
  /** Ends what start began (the transition finished or was replaced). */
  stop?(assets: TransitionAssets | null): void;
}
