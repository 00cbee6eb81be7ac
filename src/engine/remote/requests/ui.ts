/** UI requests. Studio mode (preview/program) is not built yet; the studio knows no monitors. */
import type { HandlerTable } from './handler';
import { Code, fail, success } from './status';

export const uiRequests: HandlerTable = {
  GetStudioModeEnabled: () => success({ studioModeEnabled: false }),

  SetStudioModeEnabled: (_ctx, f) => {
    if (f.boolean('studioModeEnabled')) fail(Code.CannotAct, 'Studio mode arrives later; the studio always shows program.');
    return success();
  },

  GetMonitorList: () => success({ monitors: [] }),
};
