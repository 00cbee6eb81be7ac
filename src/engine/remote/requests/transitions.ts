/**
 * Transition requests. Scene switches are cuts, so the studio has exactly OBS's "Cut": a fixed,
 * unconfigurable transition that is never in progress (cursor 1.0).
 */
import type { HandlerTable } from './handler';
import { Code, fail, success, unwrap } from './status';

export const CUT = {
  transitionName: 'Cut',
  /** Fixed, so a client that stores it by UUID finds it again after a restart. */
  transitionUuid: '7c6f6c0e-5f7d-4b0e-9d1e-0c07c07c07c0',
  transitionKind: 'cut_transition',
} as const;

export const transitionRequests: HandlerTable = {
  GetTransitionKindList: () => success({ transitionKinds: [CUT.transitionKind] }),

  GetSceneTransitionList: () =>
    success({
      currentSceneTransitionName: CUT.transitionName,
      currentSceneTransitionUuid: CUT.transitionUuid,
      currentSceneTransitionKind: CUT.transitionKind,
      transitions: [{ ...CUT, transitionFixed: true, transitionConfigurable: false }],
    }),

  GetCurrentSceneTransition: () =>
    success({
      ...CUT,
      transitionFixed: true,
      transitionDuration: null,
      transitionConfigurable: false,
      transitionSettings: null,
    }),

  SetCurrentSceneTransition: (_ctx, f) => {
    if (f.string('transitionName') !== CUT.transitionName) fail(Code.ResourceNotFound, 'No scene transition was found by that name.');
    return success();
  },

  SetCurrentSceneTransitionSettings: (_ctx, f) => {
    f.object('transitionSettings', true);
    f.optBoolean('overlay');
    return fail(Code.ResourceNotConfigurable, 'The current transition does not support custom settings.');
  },

  GetCurrentSceneTransitionCursor: () => success({ transitionCursor: 1 }),

  // The cut is all there is, so the take is done when the studio answers (studio.take refuses with
  // 506 outside studio mode).
  TriggerStudioModeTransition: async (ctx) => {
    unwrap(await ctx.studio.execute('studio.take', {}));
    return success();
  },
};
