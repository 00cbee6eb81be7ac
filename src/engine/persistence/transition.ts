/**
 * The saved current transition, repaired as it loads. Each kind's settings are checked against
 * that kind (an invalid value goes back to its default and is reported, as an input's). Settings of
 * a kind this build lacks are kept as they are, for the build that has it; a current kind this
 * build lacks gives way to a cut, its settings kept among the others, so nothing saved is lost.
 */
import { DEFAULT_TRANSITION, type CurrentTransition, type Settings } from '../../shared';
import type { KindRegistry } from '../kinds/registry';
import type { LoadNotice } from './load';

export function repairTransition(t: CurrentTransition | undefined, kinds: KindRegistry, notices: LoadNotice[]): CurrentTransition | undefined {
  if (!t) return undefined;
  const isTransition = (kind: string) => kinds.get(kind)?.category === 'transition';
  const checked = (kind: string, settings: Settings): Settings => {
    if (!isTransition(kind)) return settings;
    const { settings: fixed, invalid } = kinds.sanitizeSettings(kind, settings);
    if (invalid.length > 0) {
      const name = kinds.get(kind)?.displayName ?? kind;
      notices.push({ level: 'warning', message: `The ${name} transition had invalid values for ${invalid.join(', ')}; the defaults are used for them.` });
    }
    return fixed;
  };
  const others: Record<string, Settings> = {};
  // The current kind's own are `settings`: a copy among the others would be stale.
  for (const [kind, settings] of Object.entries(t.otherSettings ?? {})) if (kind !== t.kind) others[kind] = checked(kind, settings);
  const withOthers = (current: CurrentTransition): CurrentTransition => (Object.keys(others).length > 0 ? { ...current, otherSettings: others } : current);
  if (isTransition(t.kind)) return withOthers({ kind: t.kind, durationMs: t.durationMs, settings: checked(t.kind, t.settings) });
  notices.push({ level: 'warning', message: `The saved transition "${t.kind}" is not available in this build; scenes switch with a cut, and its settings are kept.` });
  others[t.kind] = t.settings;
  return withOthers({ kind: DEFAULT_TRANSITION.kind, durationMs: t.durationMs, settings: {} });
}
