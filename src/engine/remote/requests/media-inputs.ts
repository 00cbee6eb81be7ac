/**
 * Media input requests. No input kind plays media yet, and OBS answers these for any input: the
 * status of a non-media input is OBS_MEDIA_STATE_NONE with no times, and cursor moves need a
 * playing or paused input.
 */
import type { HandlerTable } from './handler';
import { findInput } from './lookup';
import { Code, fail, success } from './status';

const ACTIONS = [
  'OBS_WEBSOCKET_MEDIA_INPUT_ACTION_PLAY',
  'OBS_WEBSOCKET_MEDIA_INPUT_ACTION_PAUSE',
  'OBS_WEBSOCKET_MEDIA_INPUT_ACTION_STOP',
  'OBS_WEBSOCKET_MEDIA_INPUT_ACTION_RESTART',
  'OBS_WEBSOCKET_MEDIA_INPUT_ACTION_NEXT',
  'OBS_WEBSOCKET_MEDIA_INPUT_ACTION_PREVIOUS',
];
const NOT_PLAYING = 'The media input must be playing or paused in order to set the cursor position.';

export const mediaInputRequests: HandlerTable = {
  GetMediaInputStatus: (ctx, f) => {
    findInput(ctx.studio.document(), f);
    return success({ mediaState: 'OBS_MEDIA_STATE_NONE', mediaDuration: null, mediaCursor: null });
  },

  SetMediaInputCursor: (ctx, f) => {
    findInput(ctx.studio.document(), f);
    f.number('mediaCursor', 0);
    return fail(Code.InvalidResourceState, NOT_PLAYING);
  },

  OffsetMediaInputCursor: (ctx, f) => {
    findInput(ctx.studio.document(), f);
    f.number('mediaCursorOffset');
    return fail(Code.InvalidResourceState, NOT_PLAYING);
  },

  /** A valid action on an input that plays nothing does nothing, as in OBS. */
  TriggerMediaInputAction: (ctx, f) => {
    findInput(ctx.studio.document(), f);
    if (!ACTIONS.includes(f.string('mediaAction'))) fail(Code.InvalidRequestField, 'You have specified an invalid media input action.');
    return success();
  },
};
