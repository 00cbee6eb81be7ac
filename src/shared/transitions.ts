/**
 * Which transition a switch of program to a scene runs (pure; the engine's transition clock and
 * every compositor ask the same question of the same document).
 */
import { TRANSITION_KINDS } from './kinds';
import { DEFAULT_TRANSITION, type CurrentTransition, type SceneTransition, type Settings, type StudioDocument } from './model';

/** OBS's range for a transition's duration, ms (its Scene Transitions dock's spin box). */
export const TRANSITION_DURATION_MS = { min: 50, max: 20_000 } as const;

/** OBS's duration for an override that names a transition but no duration. */
export const OVERRIDE_DURATION_MS = 300;

/**
 * The settings a transition of `kind` runs with. Our transitions are one per kind, each with its own
 * settings as OBS's: the current one's, else what that kind was last set to, else its defaults ({}).
 */
export function transitionSettingsOf(current: CurrentTransition | undefined, kind: string): Settings {
  if (!current) return {};
  return current.kind === kind ? current.settings : (current.otherSettings?.[kind] ?? {});
}

/**
 * The settings `kind` would run with when the document may run it (it is the current transition or
 * a scene's override), else null: what to load, probe and serve ahead of a switch.
 */
export function settingsInUse(doc: StudioDocument, kind: string): Settings | null {
  const used = doc.transition?.kind === kind || doc.scenes.some((s) => s.transitionOverride?.kind === kind);
  return used ? transitionSettingsOf(doc.transition, kind) : null;
}

/**
 * The switch's own transition (doc.switchTransition, while program is the scene it switched to),
 * else the scene's Transition Override when it names a kind this build has (OBS: used when
 * switching to that scene; it runs with that kind's own settings), else the current transition.
 */
export function transitionInto(doc: StudioDocument, toSceneUuid: string): SceneTransition {
  const once = doc.switchTransition;
  if (once && once.toSceneUuid === toSceneUuid && doc.currentSceneUuid === toSceneUuid && TRANSITION_KINDS.some((k) => k.id === once.kind)) {
    return { kind: once.kind, durationMs: once.durationMs, settings: once.settings };
  }
  const current = doc.transition ?? DEFAULT_TRANSITION;
  const o = doc.scenes.find((s) => s.uuid === toSceneUuid)?.transitionOverride;
  if (!o?.kind || !TRANSITION_KINDS.some((k) => k.id === o.kind)) return { kind: current.kind, durationMs: current.durationMs, settings: current.settings };
  return { kind: o.kind, durationMs: o.durationMs ?? OVERRIDE_DURATION_MS, settings: transitionSettingsOf(doc.transition, o.kind) };
}

/** Kinds a T-bar cannot hold part-way (OBS's ValidTBarTransition): it drives a Fade instead. */
export const NOT_MANUAL_TRANSITIONS: readonly string[] = ['cut_transition', 'obs_stinger_transition'];

/** OBS's T-bar counts 1024 steps; a release within 102 of an end completes (top) or cancels (bottom). */
export const TBAR_STEPS = 1024;
export const TBAR_CLAMP = 102;
