/**
 * OBS's scene transitions → the collection's transition. OBS saves the transitions the user added
 * (transitions[]: id, name, settings) and names the current one (current_transition,
 * transition_duration); its built-in Cut and Fade are not in the list, so a name no entry has is
 * looked up among the registered transition kinds' names. The studio keeps one transition per kind,
 * each with its own settings: every other listed transition's settings are kept under its kind, and
 * a second one of a kind, or one of a kind the studio lacks, is reported.
 */
import { DEFAULT_TRANSITION, TRANSITION_DURATION_MS, type CurrentTransition, type Settings } from '../../shared';
import type { KindRegistry } from '../kinds/registry';
import type { ObsCollection } from './obs-schema';
import { kindFor, settingsFor } from './obs-sources';
import type { Skips } from './skips';

export type ImportedTransition = CurrentTransition;

export function mapTransition(file: ObsCollection, kinds: KindRegistry, skips: Skips): ImportedTransition | undefined {
  const name = file.current_transition;
  const entry = name ? file.transitions.find((t) => t.name === name) : undefined;
  const kind = !name
    ? undefined
    : entry
      ? kindFor(kinds, entry, 'transition')
      : kinds.list('transition').find((k) => k.displayName.toLowerCase() === name.toLowerCase());
  if (name && !kind) {
    skips.add(name, `the current transition${entry ? ` (OBS kind "${entry.versioned_id ?? entry.id}")` : ''} has no counterpart in the studio; scenes switch with a cut`);
  }
  const kept = new Map<string, string>(kind && name ? [[kind.id, name]] : []);
  const otherSettings: Record<string, Settings> = {};
  for (const t of file.transitions) {
    if (t === entry) continue;
    const label = `transition (${t.versioned_id ?? t.id})`;
    const k = kindFor(kinds, t, 'transition');
    if (!k) {
      skips.add(t.name, `${label}: the studio has no transition of this kind`);
      continue;
    }
    const first = kept.get(k.id);
    if (first !== undefined) {
      skips.add(t.name, `${label}: the studio keeps one transition per kind, and "${first}" is its ${k.displayName}`);
      continue;
    }
    kept.set(k.id, t.name);
    otherSettings[k.id] = settingsFor(kinds, k, t.settings, t.name, skips);
  }
  const durationMs = Math.min(TRANSITION_DURATION_MS.max, Math.max(TRANSITION_DURATION_MS.min, Math.round(file.transition_duration)));
  const others = Object.keys(otherSettings).length > 0 ? { otherSettings } : {};
  // No current transition the studio has: a cut, still keeping the others' settings.
  if (!kind) return Object.keys(others).length > 0 ? { ...DEFAULT_TRANSITION, settings: {}, durationMs, ...others } : undefined;
  return { kind: kind.id, durationMs, settings: settingsFor(kinds, kind, entry?.settings ?? {}, name ?? kind.displayName, skips), ...others };
}
