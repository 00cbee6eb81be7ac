/**
 * OBS's current scene transition → the collection's transition. OBS saves the transitions the
 * user added (transitions[]: id, name, settings) and names the current one (current_transition,
 * transition_duration); its built-in Cut and Fade are not in the list, so a name no entry has is
 * looked up among the registered transition kinds' names. The studio keeps one transition per
 * collection: the others are reported.
 */
import { TRANSITION_DURATION_MS, type Settings } from '../../shared';
import type { KindRegistry } from '../kinds/registry';
import type { ObsCollection } from './obs-schema';
import { kindFor } from './obs-sources';
import type { Skips } from './skips';

export interface ImportedTransition {
  kind: string;
  durationMs: number;
  settings: Settings;
}


export function mapTransition(file: ObsCollection, kinds: KindRegistry, skips: Skips): ImportedTransition | undefined {
  const name = file.current_transition;
  for (const t of file.transitions) {
    if (t.name !== name) {
      skips.add(t.name, `transition (${t.versioned_id ?? t.id}): the studio keeps one transition per scene collection, the current one${name ? ` ("${name}")` : ''}`);
    }
  }
  if (!name) return undefined;
  const entry = file.transitions.find((t) => t.name === name);
  const kind = entry
    ? kindFor(kinds, entry, 'transition')
    : kinds.list('transition').find((k) => k.displayName.toLowerCase() === name.toLowerCase());
  if (!kind) {
    skips.add(name, `the current transition${entry ? ` (OBS kind "${entry.versioned_id ?? entry.id}")` : ''} has no counterpart in the studio; scenes switch with a cut`);
    return undefined;
  }
  const { settings } = kinds.sanitizeSettings(kind.id, { ...structuredClone(kind.defaults), ...structuredClone(entry?.settings ?? {}) });
  const durationMs = Math.min(TRANSITION_DURATION_MS.max, Math.max(TRANSITION_DURATION_MS.min, Math.round(file.transition_duration)));
  return { kind: kind.id, durationMs, settings };
}
