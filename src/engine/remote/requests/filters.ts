/**
 * Filter requests. No filter kinds exist yet, so every source has an empty filter chain: lists are
 * empty, creating fails on the kind (607) and naming a filter finds none (600), exactly what OBS
 * answers for a source without that filter. Fields are checked first, in OBS's order.
 */
import type { RequestContext } from '../types';
import type { Fields } from './fields';
import { stub, type HandlerTable } from './handler';
import { findSource } from './lookup';
import { Code, fail, success } from './status';

/** OBS's AcquireFilter: the source, then filterName, then the (always failing) lookup. */
const findFilter = stub((ctx: RequestContext, f: Fields): never => {
  const source = findSource(ctx.studio.document(), f, 'sourceName', 'sourceUuid');
  const filterName = f.string('filterName');
  const sourceName = source.type === 'scene' ? source.scene.name : source.input.name;
  return fail(Code.ResourceNotFound, `No filter was found in the source \`${sourceName}\` with the name \`${filterName}\`.`);
});

const noKind = (): never =>
  fail(Code.InvalidFilterKind, 'Your specified filter kind is not supported by OBS. Check that any necessary plugins are loaded.');

export const filterRequests: HandlerTable = {
  GetSourceFilterKindList: () => success({ sourceFilterKinds: [] }),

  GetSourceFilterList: (ctx, f) => {
    findSource(ctx.studio.document(), f, 'sourceName', 'sourceUuid');
    return success({ filters: [] });
  },

  GetSourceFilterDefaultSettings: stub((_ctx, f) => {
    f.string('filterKind');
    return fail(Code.InvalidFilterKind);
  }),

  CreateSourceFilter: stub((ctx, f) => {
    findSource(ctx.studio.document(), f, 'sourceName', 'sourceUuid');
    f.string('filterName');
    f.string('filterKind');
    return noKind();
  }),

  RemoveSourceFilter: findFilter,
  SetSourceFilterName: findFilter,
  GetSourceFilter: findFilter,
  SetSourceFilterIndex: findFilter,
  SetSourceFilterSettings: findFilter,
  SetSourceFilterEnabled: findFilter,
};
