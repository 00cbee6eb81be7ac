/**
 * Which transition a switch of program to a scene runs (pure; the engine's transition clock and
 * every compositor ask the same question of the same document).
 */
import { DEFAULT_TRANSITION, type SceneTransition, type StudioDocument } from './model';

export function transitionInto(doc: StudioDocument, _toSceneUuid: string): SceneTransition {
  return doc.transition ?? DEFAULT_TRANSITION;
}

/** Kinds a T-bar cannot hold part-way (OBS's ValidTBarTransition): it drives a Fade instead. */
export const NOT_MANUAL_TRANSITIONS: readonly string[] = ['cut_transition', 'obs_stinger_transition'];

/** OBS's T-bar counts 1024 steps; a release within 102 of an end completes (top) or cancels (bottom). */
export const TBAR_STEPS = 1024;
export const TBAR_CLAMP = 102;
