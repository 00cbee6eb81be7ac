/**
 * The engine's table of kinds. Settings for a kind always take one path: the kind's defaults, then
 * (when overlaying) the current settings, then what the caller sent — like OBS, where create goes
 * through update. Only properties the kind declares are checked; other keys are kept, because OBS
 * keeps them and a remote client may rely on that.
 */
import {
  FILTER_KINDS,
  INPUT_KINDS,
  TRANSITION_KINDS,
  Status,
  fail,
  ok,
  type KindCategory,
  type KindDescriptor,
  type Result,
  type Settings,
} from '../../shared';
import { checkProperty, isPlainObject } from './check';
import { settingsProblem } from './extra-checks';

export class KindRegistry {
  private readonly kinds = new Map<string, KindDescriptor>();
  /** Alias → the kind's own id (OBS's platform-specific ids map onto one kind of ours). */
  private readonly aliases = new Map<string, string>();

  constructor(initial: readonly KindDescriptor[] = [...INPUT_KINDS, ...FILTER_KINDS, ...TRANSITION_KINDS]) {
    for (const k of initial) this.register(k);
  }

  /** Registering the same id twice is a programming error, so it throws rather than returning a Result. */
  register(kind: KindDescriptor): void {
    if (this.kinds.has(kind.id) || this.aliases.has(kind.id)) throw new Error(`Kind ${kind.id} is already registered.`);
    for (const alias of kind.aliases ?? []) {
      if (this.kinds.has(alias) || this.aliases.has(alias)) throw new Error(`Kind alias ${alias} is already taken.`);
    }
    this.kinds.set(kind.id, kind);
    for (const alias of kind.aliases ?? []) this.aliases.set(alias, kind.id);
  }

  /** The kind named by its id or one of its aliases. */
  get(id: string): KindDescriptor | undefined {
    return this.kinds.get(id) ?? this.kinds.get(this.aliases.get(id) ?? '');
  }

  /** The kind's own id for an id or alias; undefined when neither is known. */
  resolve(id: string): string | undefined {
    return this.get(id)?.id;
  }

  /** Every registered kind, or those of one category, in registration order. */
  list(category?: KindCategory): KindDescriptor[] {
    const all = [...this.kinds.values()];
    return category === undefined ? all : all.filter((k) => k.category === category);
  }

  /**
   * Checks `settings` against the kind's properties and returns defaults ← overlayOn ← settings.
   * Errors name the field as `settings.<name>` so the request field that was wrong is clear.
   */
  validateSettings(kindId: string, settings: unknown, overlayOn?: Settings): Result<Settings> {
    const kind = this.get(kindId);
    if (!kind) return fail(Status.InvalidInputKind, `There is no kind called "${kindId}".`, 'kind');
    if (!isPlainObject(settings)) {
      return fail(Status.InvalidRequestFieldType, 'settings must be an object.', 'settings');
    }
    const base: Settings = { ...structuredClone(kind.defaults), ...(overlayOn ? structuredClone(overlayOn) : {}) };
    const out: Settings = { ...base };
    for (const [name, value] of Object.entries(settings)) {
      const prop = kind.properties.find((p) => p.name === name);
      if (!prop) {
        out[name] = structuredClone(value);
        continue;
      }
      const checked = checkProperty(prop, value, base[name], `settings.${name}`);
      if (!checked.ok) return checked;
      out[name] = checked.value;
    }
    const problem = settingsProblem(kind.id, out);
    if (problem) return fail(Status.InvalidRequestField, problem.message, problem.field);
    return ok(out);
  }

  /**
   * For loading saved files: keeps every valid value and puts the default back for each declared
   * property whose saved value is invalid, reporting which ones, so one bad value does not cost the
   * user the whole collection. Unknown kinds are left untouched (OBS keeps sources of missing plugins).
   */
  sanitizeSettings(kindId: string, settings: Settings): { settings: Settings; invalid: string[] } {
    const kind = this.get(kindId);
    if (!kind) return { settings, invalid: [] };
    const out: Settings = { ...settings };
    const invalid: string[] = [];
    for (const prop of kind.properties) {
      if (!(prop.name in settings)) continue;
      const checked = checkProperty(prop, settings[prop.name], kind.defaults[prop.name], prop.name);
      if (checked.ok) {
        out[prop.name] = checked.value;
      } else {
        invalid.push(prop.name);
        out[prop.name] = structuredClone(kind.defaults[prop.name]);
      }
    }
    return { settings: out, invalid };
  }
}
