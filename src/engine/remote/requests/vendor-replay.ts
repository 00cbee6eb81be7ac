/**
 * Vendor requests (vendorName "broadcast-studio") for the replay buffer beyond OBS's requests:
 *
 *   GetReplayBufferSettings → { maxSeconds, maxMb, transitionKind, transitionDurationMs, returnToScene }
 *     (OBS's Maximum Replay Time and Maximum Memory, and PlayLastReplay's defaults: a transition
 *     kind of '' and a duration of 0 mean "the current transition's")
 *   SetReplayBufferSettings { maxSeconds?, maxMb?, transitionKind?, transitionDurationMs?, returnToScene? }
 *     → the same as Get; the buffer's length and memory are taken at the next start
 *   PlayLastReplay { inputName? = "Replay", sceneName?, speedPercent? (1..200), transitionKind?,
 *     transitionDurationMs? (50..20000), transitionSettings?, returnToScene? }
 *     → { inputName, inputUuid, sceneName, savedReplayPath, transitionKind, transitionDurationMs, returnSceneName }
 *
 * PlayLastReplay puts the last saved replay on air at once (engine: output/replay-playback.ts): a
 * media source (OBS's ffmpeg_source) named inputName plays the file from its start, at
 * speedPercent (slow motion below 100); it is created in sceneName (default: the program scene)
 * when no input has that name, else its file and speed are replaced and it restarts. With a
 * sceneName that is not on program, program switches to it with the replay transition and, when
 * the replay has played out, back to the scene before (unless returnToScene is false or someone
 * switched meanwhile). 604 before any replay was saved; 602 when inputName is not a media source;
 * 400 for an unknown transition kind.
 */
import { TRANSITION_DURATION_MS, type RecordingSettings } from '../../../shared';
import { DEFAULT_REPLAY_MB, DEFAULT_REPLAY_SECONDS, MAX_REPLAY_MB, MAX_REPLAY_SECONDS } from '../../../shared/replay';
import type { RequestContext } from '../types';
import type { Data, Fields } from './fields';
import { unwrap } from './status';

type VendorHandler = (ctx: RequestContext, f: Fields) => Promise<Data> | Data;

function settingsData(ctx: RequestContext): Data {
  const rec = ctx.studio.document().output.recording;
  return {
    maxSeconds: rec.replayMaxSeconds ?? DEFAULT_REPLAY_SECONDS,
    maxMb: rec.replayMaxMb ?? DEFAULT_REPLAY_MB,
    transitionKind: rec.replayTransitionKind ?? '',
    transitionDurationMs: rec.replayTransitionMs ?? 0,
    returnToScene: rec.replayReturnToScene ?? true,
  };
}

export const replayRequests: Record<string, VendorHandler> = {
  GetReplayBufferSettings: (ctx) => settingsData(ctx),

  SetReplayBufferSettings: async (ctx, f) => {
    const maxSeconds = f.optNumber('maxSeconds', 1, MAX_REPLAY_SECONDS);
    const maxMb = f.optNumber('maxMb', 1, MAX_REPLAY_MB);
    const kind = f.optString('transitionKind', true);
    const durationMs = f.optNumber('transitionDurationMs', TRANSITION_DURATION_MS.min, TRANSITION_DURATION_MS.max);
    const back = f.optBoolean('returnToScene');
    const patch: Partial<RecordingSettings> = {
      ...(maxSeconds !== undefined && { replayMaxSeconds: Math.round(maxSeconds) }),
      ...(maxMb !== undefined && { replayMaxMb: Math.round(maxMb) }),
      ...(kind !== undefined && { replayTransitionKind: kind }),
      ...(durationMs !== undefined && { replayTransitionMs: Math.round(durationMs) }),
      ...(back !== undefined && { replayReturnToScene: back }),
    };
    unwrap(await ctx.studio.execute('output.setRecording', patch));
    return settingsData(ctx);
  },

  PlayLastReplay: async (ctx, f) => {
    const inputName = f.optString('inputName');
    const sceneName = f.optString('sceneName');
    const speedPercent = f.optNumber('speedPercent', 1, 200);
    const transitionKind = f.optString('transitionKind');
    const transitionDurationMs = f.optNumber('transitionDurationMs', TRANSITION_DURATION_MS.min, TRANSITION_DURATION_MS.max);
    const transitionSettings = f.optObject('transitionSettings', true);
    const returnToScene = f.optBoolean('returnToScene');
    const played = unwrap(
      await ctx.studio.execute('replay.play', {
        ...(inputName !== undefined && { inputName }),
        ...(sceneName !== undefined && { sceneName }),
        ...(speedPercent !== undefined && { speedPercent }),
        ...(transitionKind !== undefined && { transitionKind }),
        ...(transitionDurationMs !== undefined && { transitionDurationMs }),
        ...(transitionSettings !== undefined && { transitionSettings }),
        ...(returnToScene !== undefined && { returnToScene }),
      }),
    );
    return { ...played };
  },
};
