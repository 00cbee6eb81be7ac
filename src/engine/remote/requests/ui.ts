/** UI requests. Studio mode is the document's (studio.setMode); the studio knows no monitors. */
import type { HandlerTable } from './handler';
import { success, unwrap } from './status';

export const uiRequests: HandlerTable = {
  GetStudioModeEnabled: (ctx) => success({ studioModeEnabled: ctx.studio.document().studioMode }),

  // Succeeds when nothing changes too, as OBS does.
  SetStudioModeEnabled: async (ctx, f) => {
    const enabled = f.boolean('studioModeEnabled');
    unwrap(await ctx.studio.execute('studio.setMode', { enabled }));
    return success();
  },

  GetMonitorList: () => success({ monitors: [] }),
};
