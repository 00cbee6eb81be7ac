/**
 * Vendor requests (vendorName "broadcast-studio") for the replay buffer beyond OBS's requests:
 *
 *   GetReplayBufferSettings → { maxSeconds, maxMb } (OBS's Maximum Replay Time and Maximum Memory)
 *   SetReplayBufferSettings { maxSeconds?, maxMb? } → the same as Get; taken at the next start
 *   PlayLastReplay { inputName? = "Replay", sceneName?, speedPercent? (1..200) }
 *     → { inputName, inputUuid, sceneName, savedReplayPath }
 *
 * PlayLastReplay puts the last saved replay on air at once: a media source (OBS's ffmpeg_source)
 * named inputName plays the file from its start, at speedPercent (slow motion below 100); it is
 * created in sceneName (default: the program scene) when no input has that name, else its file and
 * speed are replaced and it restarts. With sceneName, program switches to that scene (with the
 * current transition). 604 before any replay was saved; 602 when inputName is not a media source.
 */
import { DEFAULT_REPLAY_MB, DEFAULT_REPLAY_SECONDS, MAX_REPLAY_MB, MAX_REPLAY_SECONDS } from '../../../shared/replay';
import type { RequestContext } from '../types';
import type { Data, Fields } from './fields';
import { Code, fail, unwrap } from './status';

type VendorHandler = (ctx: RequestContext, f: Fields) => Promise<Data> | Data;

const MEDIA = 'ffmpeg_source';

function settingsData(ctx: RequestContext): Data {
  const rec = ctx.studio.document().output.recording;
  return { maxSeconds: rec.replayMaxSeconds ?? DEFAULT_REPLAY_SECONDS, maxMb: rec.replayMaxMb ?? DEFAULT_REPLAY_MB };
}

export const replayRequests: Record<string, VendorHandler> = {
  GetReplayBufferSettings: (ctx) => settingsData(ctx),

  SetReplayBufferSettings: async (ctx, f) => {
    const maxSeconds = f.optNumber('maxSeconds', 1, MAX_REPLAY_SECONDS);
    const maxMb = f.optNumber('maxMb', 1, MAX_REPLAY_MB);
    unwrap(
      await ctx.studio.execute('output.setRecording', {
        ...(maxSeconds !== undefined && { replayMaxSeconds: Math.round(maxSeconds) }),
        ...(maxMb !== undefined && { replayMaxMb: Math.round(maxMb) }),
      }),
    );
    return settingsData(ctx);
  },

  PlayLastReplay: async (ctx, f) => {
    const inputName = f.optString('inputName') ?? 'Replay';
    const sceneName = f.optString('sceneName');
    const speed = f.optNumber('speedPercent', 1, 200);
    const status = unwrap(await ctx.studio.execute('replay.status', {}));
    const file = status.lastReplay ?? fail(Code.InvalidResourceState, 'No replay has been saved yet; save one first (SaveReplayBuffer).');
    const doc = ctx.studio.document();
    const scene = sceneName === undefined ? doc.scenes.find((s) => s.uuid === doc.currentSceneUuid) : doc.scenes.find((s) => s.name === sceneName && !s.isGroup);
    if (!scene) fail(Code.ResourceNotFound, `No scene was found by the name of \`${sceneName ?? ''}\`.`);
    const settings = { is_local_file: true, local_file: file, restart_on_activate: true, ...(speed !== undefined && { speed_percent: Math.round(speed) }) };
    let input = doc.inputs.find((i) => i.name === inputName);
    if (input && input.kind !== MEDIA) fail(Code.InvalidResourceType, `The input \`${inputName}\` is not a media source (${MEDIA}).`);
    if (input) {
      unwrap(await ctx.studio.execute('input.update', { inputUuid: input.uuid, settings, overlay: true }));
      unwrap(await ctx.studio.execute('media.action', { inputUuid: input.uuid, action: 'restart' }));
    } else {
      const made = unwrap(await ctx.studio.execute('input.create', { sceneUuid: scene!.uuid, name: inputName, kind: MEDIA, settings }));
      input = ctx.studio.document().inputs.find((i) => i.uuid === made.inputUuid);
    }
    if (sceneName !== undefined && doc.currentSceneUuid !== scene!.uuid) unwrap(await ctx.studio.execute('scene.setCurrent', { sceneUuid: scene!.uuid }));
    return { inputName, inputUuid: input!.uuid, sceneName: scene!.name, savedReplayPath: file };
  },
};
