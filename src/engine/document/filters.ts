/**
 * Handlers for the filter.* commands. A filter lives on a source — an input or a scene, found by
 * uuid in one namespace as OBS finds sources — and its name is unique within that source (exact
 * match, as OBS compares). Every refusal says what to change.
 */
import {
  Status,
  fail,
  ok,
  type EventMap,
  type EventType,
  type Filter,
  type Result,
  type StudioDocument,
  type StudioEvent,
} from '../../shared';
import type { Change, Handler } from './handlers';

type FilterCommand = 'filter.create' | 'filter.remove' | 'filter.setName' | 'filter.setIndex' | 'filter.setSettings' | 'filter.setEnabled';

interface Owner {
  name: string;
  filters: readonly Filter[];
  /** The document with this source's filter list replaced. */
  with: (filters: Filter[]) => StudioDocument;
}

const ev = <T extends EventType>(type: T, data: EventMap[T]): StudioEvent => ({ type, data }) as StudioEvent;

const change = <R>(doc: StudioDocument, value: R, ...events: StudioEvent[]): Result<Change<R>> => ok({ doc, events, value });

function findOwner(doc: StudioDocument, uuid: string): Result<Owner> {
  const input = doc.inputs.find((i) => i.uuid === uuid);
  if (input) {
    return ok({
      name: input.name,
      filters: input.filters,
      with: (filters) => ({ ...doc, inputs: doc.inputs.map((i) => (i === input ? { ...i, filters } : i)) }),
    });
  }
  const scene = doc.scenes.find((s) => s.uuid === uuid);
  if (scene) {
    return ok({
      name: scene.name,
      filters: scene.filters,
      with: (filters) => ({ ...doc, scenes: doc.scenes.map((s) => (s === scene ? { ...s, filters } : s)) }),
    });
  }
  return fail(Status.ResourceNotFound, `There is no input or scene with id "${uuid}".`, 'sourceUuid');
}

function findFilter(doc: StudioDocument, uuid: string, name: string): Result<{ owner: Owner; filter: Filter; index: number }> {
  const owner = findOwner(doc, uuid);
  if (!owner.ok) return owner;
  const index = owner.value.filters.findIndex((f) => f.name === name);
  if (index < 0) return fail(Status.ResourceNotFound, `"${owner.value.name}" has no filter called "${name}".`, 'name');
  return ok({ owner: owner.value, filter: owner.value.filters[index]!, index });
}

const nameTaken = (owner: Owner, name: string, field: string): Result<never> | null =>
  owner.filters.some((f) => f.name === name)
    ? fail(Status.ResourceAlreadyExists, `"${owner.name}" already has a filter called "${name}"; choose another name.`, field)
    : null;

function outOfRange(owner: Owner, index: number, last: number): Result<never> {
  const has = owner.filters.length === 1 ? '1 filter' : `${owner.filters.length} filters`;
  return fail(Status.OutOfRange, `index ${index} is out of range: "${owner.name}" has ${has}, so it must be from 0 to ${last}.`, 'index');
}

export const FILTER_HANDLERS: { [T in FilterCommand]: Handler<T> } = {
  'filter.create': (doc, args, ctx) => {
    const owner = findOwner(doc, args.sourceUuid);
    if (!owner.ok) return owner;
    const kind = ctx.kinds.get(args.kind);
    if (!kind || kind.category !== 'filter') {
      return fail(Status.InvalidFilterKind, `There is no filter kind called "${args.kind}".`, 'kind');
    }
    const taken = nameTaken(owner.value, args.name, 'name');
    if (taken) return taken;
    const list = owner.value.filters;
    const index = args.index ?? list.length;
    if (index > list.length) return outOfRange(owner.value, index, list.length);
    const settings = ctx.kinds.validateSettings(kind.id, args.settings ?? {});
    if (!settings.ok) return settings;
    const filter: Filter = { name: args.name, kind: kind.id, enabled: args.enabled ?? true, settings: settings.value };
    const filters = [...list.slice(0, index), filter, ...list.slice(index)];
    return change(
      owner.value.with(filters),
      { index },
      ev('filter.created', { sourceUuid: args.sourceUuid, sourceName: owner.value.name, filterName: args.name, kind: kind.id, index }),
    );
  },

  'filter.remove': (doc, { sourceUuid, name }) => {
    const found = findFilter(doc, sourceUuid, name);
    if (!found.ok) return found;
    const { owner, filter } = found.value;
    return change(
      owner.with(owner.filters.filter((f) => f !== filter)),
      null,
      ev('filter.removed', { sourceUuid, sourceName: owner.name, filterName: name }),
    );
  },

  'filter.setName': (doc, { sourceUuid, name, newName }) => {
    const found = findFilter(doc, sourceUuid, name);
    if (!found.ok) return found;
    const { owner, filter } = found.value;
    if (newName === name) return change(doc, null);
    const taken = nameTaken(owner, newName, 'newName');
    if (taken) return taken;
    return change(
      owner.with(owner.filters.map((f) => (f === filter ? { ...f, name: newName } : f))),
      null,
      ev('filter.renamed', { sourceUuid, sourceName: owner.name, oldName: name, filterName: newName }),
    );
  },

  'filter.setIndex': (doc, { sourceUuid, name, index }) => {
    const found = findFilter(doc, sourceUuid, name);
    if (!found.ok) return found;
    const { owner, filter } = found.value;
    if (index >= owner.filters.length) return outOfRange(owner, index, owner.filters.length - 1);
    if (index === found.value.index) return change(doc, null);
    const filters = owner.filters.filter((f) => f !== filter);
    filters.splice(index, 0, filter);
    return change(owner.with(filters), null, ev('filter.reordered', { sourceUuid, sourceName: owner.name }));
  },

  'filter.setSettings': (doc, { sourceUuid, name, settings, overlay }, ctx) => {
    const found = findFilter(doc, sourceUuid, name);
    if (!found.ok) return found;
    const { owner, filter } = found.value;
    // A filter whose kind is no longer registered keeps its settings as saved (OBS keeps missing plugins' data).
    const merged = ctx.kinds.get(filter.kind)
      ? ctx.kinds.validateSettings(filter.kind, settings, overlay === false ? undefined : filter.settings)
      : ok(overlay === false ? structuredClone(settings) : { ...filter.settings, ...structuredClone(settings) });
    if (!merged.ok) return merged;
    return change(
      owner.with(owner.filters.map((f) => (f === filter ? { ...f, settings: merged.value } : f))),
      null,
      ev('filter.settingsChanged', { sourceUuid, sourceName: owner.name, filterName: name }),
    );
  },

  'filter.setEnabled': (doc, { sourceUuid, name, enabled }) => {
    const found = findFilter(doc, sourceUuid, name);
    if (!found.ok) return found;
    const { owner, filter } = found.value;
    if (filter.enabled === enabled) return change(doc, null);
    return change(
      owner.with(owner.filters.map((f) => (f === filter ? { ...f, enabled } : f))),
      null,
      ev('filter.enabledChanged', { sourceUuid, sourceName: owner.name, filterName: name, enabled }),
    );
  },
};
