/**
 * Media input requests. Playback happens in the compositing renderer; the studio relays controls
 * to it (media.action) and answers status from what it reports (Studio.media). OBS answers these
 * for any input: one that plays nothing is OBS_MEDIA_STATE_NONE, and cursor moves need an input
 * that is playing or paused.
 */
import type { MediaAction, MediaStatus } from '../../../shared';
import type { HandlerTable } from './handler';
import { findInput } from './lookup';
import { Code, fail, success, unwrap } from './status';

/** NONE is refused as an invalid action, as obs-websocket does. */
const ACTIONS: Record<string, MediaAction> = {
  OBS_WEBSOCKET_MEDIA_INPUT_ACTION_PLAY: 'play',
  OBS_WEBSOCKET_MEDIA_INPUT_ACTION_PAUSE: 'pause',
  OBS_WEBSOCKET_MEDIA_INPUT_ACTION_STOP: 'stop',
  OBS_WEBSOCKET_MEDIA_INPUT_ACTION_RESTART: 'restart',
  OBS_WEBSOCKET_MEDIA_INPUT_ACTION_NEXT: 'next',
  OBS_WEBSOCKET_MEDIA_INPUT_ACTION_PREVIOUS: 'previous',
};

/** The OBS action name for ours (MediaInputActionTriggered). */
export function obsMediaAction(action: MediaAction): string | null {
  for (const [name, ours] of Object.entries(ACTIONS)) if (ours === action) return name;
  return null;
}

export const obsMediaState = (s: MediaStatus['state']): string => `OBS_MEDIA_STATE_${s.toUpperCase()}`;

const NOT_PLAYING = 'The media input must be playing or paused in order to set the cursor position.';
const timeValid = (s: MediaStatus): boolean => (s.state === 'playing' || s.state === 'paused') && s.cursorMs !== null;

export const mediaInputRequests: HandlerTable = {
  GetMediaInputStatus: (ctx, f) => {
    const input = findInput(ctx.studio.document(), f);
    const s = ctx.studio.media.status(input.uuid);
    // As OBS: times only while they mean something.
    const valid = timeValid(s);
    return success({
      mediaState: obsMediaState(s.state),
      mediaDuration: valid ? s.durationMs : null,
      mediaCursor: valid ? s.cursorMs : null,
    });
  },

  /** No bounds check against the duration, as in OBS. */
  SetMediaInputCursor: async (ctx, f) => {
    const input = findInput(ctx.studio.document(), f);
    const cursorMs = f.number('mediaCursor', 0);
    if (!timeValid(ctx.studio.media.status(input.uuid))) return fail(Code.InvalidResourceState, NOT_PLAYING);
    unwrap(await ctx.studio.execute('media.action', { inputUuid: input.uuid, action: 'seek', cursorMs }));
    return success();
  },

  OffsetMediaInputCursor: async (ctx, f) => {
    const input = findInput(ctx.studio.document(), f);
    const offset = f.number('mediaCursorOffset');
    const s = ctx.studio.media.status(input.uuid);
    if (!timeValid(s)) return fail(Code.InvalidResourceState, NOT_PLAYING);
    const cursorMs = Math.max(0, (s.cursorMs ?? 0) + offset);
    unwrap(await ctx.studio.execute('media.action', { inputUuid: input.uuid, action: 'seek', cursorMs }));
    return success();
  },

  /** A valid action on an input that plays nothing does nothing, as in OBS. */
  TriggerMediaInputAction: async (ctx, f) => {
    const input = findInput(ctx.studio.document(), f);
    const name = f.string('mediaAction');
    if (!Object.hasOwn(ACTIONS, name)) return fail(Code.InvalidRequestField, 'You have specified an invalid media input action.');
    unwrap(await ctx.studio.execute('media.action', { inputUuid: input.uuid, action: ACTIONS[name]! }));
    return success();
  },
};
