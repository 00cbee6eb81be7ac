/**
 * Which transition a switch of program to a scene runs (pure; the engine's transition clock and
 * every compositor ask the same question of the same document).
 */
import { TRANSITION_KINDS } from './kinds';
import { DEFAULT_TRANSITION, type SceneTransition, type StudioDocument } from './model';

/** OBS's range for a transition's duration, ms (its Scene Transitions dock's spin box). */
export const TRANSITION_DURATION_MS = { min: 50, max: 20_000 } as const;

/** OBS's duration for an override that names a transition but no duration. */
export const OVERRIDE_DURATION_MS = 300;

/**
 * The switch's own transition (doc.switchTransition, while program is the scene it switched to),
 * else the scene's Transition Override when it names a kind this build has (OBS: used when
 * switching to that scene), else the current transition. Our transitions are one per kind, so an
 * override of the current kind keeps the current settings and another kind runs with its defaults.
 */
export function transitionInto(doc: StudioDocument, toSceneUuid: string): SceneTransition {
  const once = doc.switchTransition;
  if (once && once.toSceneUuid === toSceneUuid && doc.currentSceneUuid === toSceneUuid && TRANSITION_KINDS.some((k) => k.id === once.kind)) {
    return { kind: once.kind, durationMs: once.durationMs, settings: once.settings };
  }
  const current = doc.transition ?? DEFAULT_TRANSITION;
  const o = doc.scenes.find((s) => s.uuid === toSceneUuid)?.transitionOverride;
  if (!o?.kind || !TRANSITION_KINDS.some((k) => k.id === o.kind)) return current;
  return { kind: o.kind, durationMs: o.durationMs ?? OVERRIDE_DURATION_MS, settings: o.kind === current.kind ? current.settings : {} };
}

/** Kinds a T-bar cannot hold part-way (OBS's ValidTBarTransition): it drives a Fade instead. */
export const NOT_MANUAL_TRANSITIONS: readonly string[] = ['cut_transition', 'obs_stinger_transition'];

/** OBS's T-bar counts 1024 steps; a release within 102 of an end completes (top) or cancels (bottom). */
export const TBAR_STEPS = 1024;
export const TBAR_CLAMP = 102;
