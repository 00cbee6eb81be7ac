/**
 * Filter requests, on inputs and scenes alike (OBS: both are sources). They map onto the filter.*
 * document commands; fields are checked first, in obs-websocket's order, and its comments are kept
 * where clients may match on them.
 */
import { FILTER_KINDS, type Filter } from '../../../shared';
import type { RequestContext } from '../types';
import type { Fields } from './fields';
import type { HandlerTable } from './handler';
import { findSource, type Source } from './lookup';
import { Code, fail, success, unwrap } from './status';

/** OBS's Filter object, as GetSourceFilterList and SourceFilterListReindexed send it. */
export const filterEntry = (f: Filter, index: number): Record<string, unknown> => ({
  filterEnabled: f.enabled,
  filterIndex: index,
  filterKind: f.kind,
  filterName: f.name,
  filterSettings: structuredClone(f.settings),
});

const filterKind = (id: string) => FILTER_KINDS.find((k) => k.id === id);

/** A filter kind's defaults, as GetSourceFilterDefaultSettings and SourceFilterCreated send them. */
export const filterDefaults = (id: string): Record<string, unknown> => structuredClone(filterKind(id)?.defaults ?? {});

const owner = (source: Source) => (source.type === 'scene' ? source.scene : source.input);

const findOwner = (ctx: RequestContext, f: Fields) => owner(findSource(ctx.studio.document(), f, 'sourceName', 'sourceUuid'));

/** OBS's ValidateFilter: the source, then filterName, then the filter itself. */
function findFilter(ctx: RequestContext, f: Fields) {
  const source = findOwner(ctx, f);
  const filterName = f.string('filterName');
  const index = source.filters.findIndex((x) => x.name === filterName);
  if (index < 0) fail(Code.ResourceNotFound, `No filter was found in the source \`${source.name}\` with the name \`${filterName}\`.`);
  return { source, filter: source.filters[index]!, index };
}

export const filterRequests: HandlerTable = {
  GetSourceFilterKindList: () => success({ sourceFilterKinds: FILTER_KINDS.map((k) => k.id) }),

  GetSourceFilterList: (ctx, f) => success({ filters: findOwner(ctx, f).filters.map(filterEntry) }),

  GetSourceFilterDefaultSettings: (_ctx, f) => {
    const kind = f.string('filterKind');
    // OBS answers this without a comment; a word on what is known helps more.
    if (!filterKind(kind)) fail(Code.InvalidFilterKind, `There is no filter kind called \`${kind}\`; GetSourceFilterKindList lists them.`);
    return success({ defaultFilterSettings: filterDefaults(kind) });
  },

  CreateSourceFilter: async (ctx, f) => {
    const source = findOwner(ctx, f);
    const filterName = f.newName('filterName');
    const kind = f.string('filterKind');
    if (source.filters.some((x) => x.name === filterName)) fail(Code.ResourceAlreadyExists, 'A filter already exists by that name.');
    if (!filterKind(kind)) {
      fail(Code.InvalidFilterKind, 'Your specified filter kind is not supported by OBS. Check that any necessary plugins are loaded.');
    }
    const settings = f.optObject('filterSettings', true);
    unwrap(await ctx.studio.execute('filter.create', { sourceUuid: source.uuid, name: filterName, kind, ...(settings && { settings }) }));
    return success();
  },

  RemoveSourceFilter: async (ctx, f) => {
    const { source, filter } = findFilter(ctx, f);
    unwrap(await ctx.studio.execute('filter.remove', { sourceUuid: source.uuid, name: filter.name }));
    return success();
  },

  SetSourceFilterName: async (ctx, f) => {
    const { source, filter } = findFilter(ctx, f);
    const newName = f.newName('newFilterName');
    if (source.filters.some((x) => x.name === newName)) fail(Code.ResourceAlreadyExists, 'A filter already exists by that new name.');
    unwrap(await ctx.studio.execute('filter.setName', { sourceUuid: source.uuid, name: filter.name, newName }));
    return success();
  },

  GetSourceFilter: (ctx, f) => {
    const { filter, index } = findFilter(ctx, f);
    const { filterName: _name, ...rest } = filterEntry(filter, index);
    return success(rest);
  },

  SetSourceFilterIndex: async (ctx, f) => {
    const { source, filter } = findFilter(ctx, f);
    const wanted = Math.trunc(f.number('filterIndex', 0, 8192));
    // OBS moves the filter as far as it can: an index past the end puts it last.
    const index = Math.min(wanted, source.filters.length - 1);
    unwrap(await ctx.studio.execute('filter.setIndex', { sourceUuid: source.uuid, name: filter.name, index }));
    return success();
  },

  SetSourceFilterSettings: async (ctx, f) => {
    const { source, filter } = findFilter(ctx, f);
    const settings = f.object('filterSettings', true);
    const overlay = f.optBoolean('overlay') ?? true;
    unwrap(await ctx.studio.execute('filter.setSettings', { sourceUuid: source.uuid, name: filter.name, settings, overlay }));
    return success();
  },

  SetSourceFilterEnabled: async (ctx, f) => {
    const { source, filter } = findFilter(ctx, f);
    const enabled = f.boolean('filterEnabled');
    unwrap(await ctx.studio.execute('filter.setEnabled', { sourceUuid: source.uuid, name: filter.name, enabled }));
    return success();
  },
};
