/**
 * Vendor requests (vendorName "broadcast-studio") for live graphics, so a producer's button does one
 * thing in one request. Each is a settings change underneath, exactly what SetInputSettings could
 * send, so every renderer and every client sees it the same way (InputSettingsChanged).
 *
 *   ShowLowerThird { inputName | inputUuid, queueIndex? } → { queueIndex }
 *   HideLowerThird { inputName | inputUuid } → {}
 *   StepLowerThird { inputName | inputUuid, step? (+1 next, -1 previous; default +1), show? } → { queueIndex }
 *   StartOverlayClock / StopOverlayClock { inputName | inputUuid } → { clockMs }
 *   SetOverlayClock { inputName | inputUuid, clockMs } → { clockMs }   (elapsed ms; 0 resets)
 *   AddScore { inputName | inputUuid, side ('home' | 'away'), delta (±9999) } → { score }
 *     (a scoreboard's; added to the score the studio has, so two producers' presses both count)
 *
 * Clocks belong to scoreboard and countdown_timer inputs; clockMs answers the elapsed time at the
 * engine's wall clock when the request ran.
 */
import {
  CLOCK_MAX_MS,
  DEFAULT_WATERMARK,
  LOWER_THIRD,
  SCOREBOARD,
  STOPWATCH_KINDS,
  elapsedMs,
  lowerThirdQueue,
  readStopwatch,
  setPatch,
  startPatch,
  steppedQueueIndex,
  stopPatch,
  type Input,
  type Settings,
} from '../../../shared';
import type { RequestContext } from '../types';
import type { Data, Fields } from './fields';
import { findInput } from './lookup';
import { Code, fail, unwrap } from './status';

type VendorHandler = (ctx: RequestContext, f: Fields) => Promise<Data> | Data;

function ofKind(input: Input, ok: (kind: string) => boolean, what: string): Input {
  if (!ok(input.kind)) fail(Code.InvalidResourceType, `The input "${input.name}" is a ${input.kind}, not ${what}.`);
  return input;
}

const lowerThird = (ctx: RequestContext, f: Fields): Input =>
  ofKind(findInput(ctx.studio.document(), f), (k) => k === LOWER_THIRD.id, 'a lower_third');
const clocked = (ctx: RequestContext, f: Fields): Input =>
  ofKind(findInput(ctx.studio.document(), f), (k) => STOPWATCH_KINDS.has(k), 'a scoreboard or countdown_timer');

async function apply(ctx: RequestContext, input: Input, settings: Settings): Promise<void> {
  unwrap(await ctx.studio.execute('input.update', { inputUuid: input.uuid, settings }));
}

const clockAction =
  (patch: (input: Input, f: Fields, now: number) => Settings): VendorHandler =>
  async (ctx, f) => {
    const input = clocked(ctx, f);
    const now = Date.now();
    const settings = patch(input, f, now);
    await apply(ctx, input, settings);
    return { clockMs: Math.round(elapsedMs(readStopwatch(settings), now)) };
  };

export const overlayRequests: Record<string, VendorHandler> = {
  ShowLowerThird: async (ctx, f) => {
    const input = lowerThird(ctx, f);
    const queued = lowerThirdQueue(input.settings).length;
    // A clear word for an empty queue, not "above the maximum of -1".
    if (queued === 0 && f.has('queueIndex') && f.data['queueIndex'] !== -1) {
      fail(Code.InvalidResourceState, `The lower third "${input.name}" has no queued entries; show it without \`queueIndex\`, or add entries first.`);
    }
    const index = f.optNumber('queueIndex', -1, queued - 1);
    if (index !== undefined && !Number.isInteger(index)) fail(Code.InvalidRequestFieldType, 'The field value of `queueIndex` must be a whole number.');
    await apply(ctx, input, { visible: true, ...(index !== undefined && { queue_index: index }) });
    return { queueIndex: index ?? input.settings['queue_index'] ?? -1 };
  },

  HideLowerThird: async (ctx, f) => {
    await apply(ctx, lowerThird(ctx, f), { visible: false });
    return {};
  },

  StepLowerThird: async (ctx, f) => {
    const input = lowerThird(ctx, f);
    const step = f.optNumber('step', -1, 1) ?? 1;
    const show = f.optBoolean('show');
    const index = steppedQueueIndex(input.settings, step);
    if (index === null) fail(Code.InvalidResourceState, `The lower third "${input.name}" has no queued entries to step through.`);
    await apply(ctx, input, { queue_index: index, ...(show !== undefined && { visible: show }) });
    return { queueIndex: index };
  },

  AddScore: async (ctx, f) => {
    const input = ofKind(findInput(ctx.studio.document(), f), (k) => k === SCOREBOARD.id, 'a scoreboard');
    const side = f.string('side');
    if (side !== 'home' && side !== 'away') fail(Code.InvalidRequestField, 'The field value of `side` must be "home" or "away".');
    const delta = f.number('delta', -9999, 9999);
    if (!Number.isInteger(delta)) fail(Code.InvalidRequestFieldType, 'The field value of `delta` must be a whole number.');
    return unwrap(await ctx.studio.execute('input.addScore', { inputUuid: input.uuid, side, delta }));
  },

  StartOverlayClock: clockAction((input, _f, now) => startPatch({ ...readStopwatch(input.settings), running: false, ms: elapsedMs(readStopwatch(input.settings), now) }, now)),
  StopOverlayClock: clockAction((input, _f, now) => stopPatch(readStopwatch(input.settings), now)),
  SetOverlayClock: clockAction((input, f, now) => setPatch(readStopwatch(input.settings), f.number('clockMs', 0, CLOCK_MAX_MS), now)),
};

/**
 * The program watermark (Settings → Watermark):
 *   GetWatermark → { watermark: { enabled, type, file, text, textColor, textSize, scale, anchor, margin, opacity, safeArea } }
 *   SetWatermark { any of those fields } → { watermark }   (the fields not sent stay as they are)
 */
export const watermarkRequests: Record<string, VendorHandler> = {
  GetWatermark: (ctx) => ({ watermark: { ...DEFAULT_WATERMARK, ...ctx.studio.document().watermark } }),
  SetWatermark: async (ctx, f) => {
    unwrap(await ctx.studio.execute('watermark.set', f.data));
    return { watermark: { ...DEFAULT_WATERMARK, ...ctx.studio.document().watermark } };
  },
};
