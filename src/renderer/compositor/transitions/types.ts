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
  /** `assets`: pictures some kinds draw with (luma images); null before the GL pipeline exists. */
  mix(fx: FilterGl, from: Tex, to: Tex, out: Target, t: number, settings: Settings, assets: TransitionAssets | null): void;
}
