/**
 * Output requests. The studio presents OBS's simple-mode outputs: simple_stream (the aggregate of
 * all destinations), simple_file_output (the recorder) and Replay Buffer (the replay buffer, with
 * OBS's requests and error codes: 500 when it already runs, 501 when it does not); the virtual
 * camera is reported as off.
 */
import type { ReplayState } from '../../../shared/replay';
import type { RequestContext } from '../types';
import type { HandlerTable } from './handler';
import { pollStatus, recordStatus } from './record';
import { Code, fail, success, unwrap } from './status';
import { streamActive, streamStatus } from './stream';

export const STREAM_OUTPUT = 'simple_stream';
export const RECORD_OUTPUT = 'simple_file_output';

const flags = (service: boolean, multiTrack: boolean) => ({
  OBS_OUTPUT_AUDIO: true,
  OBS_OUTPUT_VIDEO: true,
  OBS_OUTPUT_ENCODED: true,
  OBS_OUTPUT_MULTI_TRACK: multiTrack,
  OBS_OUTPUT_SERVICE: service,
});

const IDLE_STATUS = {
  outputActive: false,
  outputReconnecting: false,
  outputTimecode: '00:00:00.000',
  outputDuration: 0,
  outputCongestion: 0,
  outputBytes: 0,
  outputSkippedFrames: 0,
  outputTotalFrames: 0,
};

export const REPLAY_OUTPUT = 'Replay Buffer';

const replayActive = (s: ReplayState): boolean => s === 'starting' || s === 'active' || s === 'stopping';

async function replayState(ctx: RequestContext): Promise<ReplayState> {
  return unwrap(await ctx.studio.execute('replay.status', {})).state;
}

export const outputRequests: HandlerTable = {
  GetOutputList: async (ctx) => {
    const { outputWidth, outputHeight } = ctx.studio.document().video;
    const live = streamActive(ctx.studio.status().stream.state);
    const recording = recordStatus(await pollStatus(ctx)).outputActive;
    return success({
      outputs: [
        {
          outputName: STREAM_OUTPUT,
          outputKind: 'rtmp_output',
          outputWidth,
          outputHeight,
          outputActive: live,
          outputFlags: flags(true, false),
        },
        {
          outputName: RECORD_OUTPUT,
          outputKind: 'ffmpeg_muxer',
          outputWidth,
          outputHeight,
          outputActive: recording,
          outputFlags: flags(false, true),
        },
        {
          outputName: REPLAY_OUTPUT,
          outputKind: 'replay_buffer',
          outputWidth,
          outputHeight,
          outputActive: replayActive(await replayState(ctx)),
          outputFlags: flags(false, true),
        },
      ],
    });
  },

  GetOutputStatus: async (ctx, f) => {
    const name = f.string('outputName');
    if (name === STREAM_OUTPUT) {
      const { stream, destinations } = ctx.studio.status();
      return success(streamStatus(stream, destinations));
    }
    if (name === RECORD_OUTPUT) return success({ ...IDLE_STATUS, ...recordStatus(await pollStatus(ctx)) });
    // The replay buffer is listed by GetOutputList, so its status is answered too (Companion asks for each).
    if (name === REPLAY_OUTPUT) return success({ ...IDLE_STATUS, outputActive: replayActive(await replayState(ctx)) });
    return fail(Code.ResourceNotFound, `No output was found with the name \`${name}\`.`);
  },

  GetVirtualCamStatus: () => success({ outputActive: false }),

  GetReplayBufferStatus: async (ctx) => success({ outputActive: replayActive(await replayState(ctx)) }),
  ToggleReplayBuffer: async (ctx) => {
    const active = replayActive(await replayState(ctx));
    unwrap(await ctx.studio.execute(active ? 'replay.stop' : 'replay.start', {}));
    return success({ outputActive: !active });
  },
  StartReplayBuffer: async (ctx) => {
    if (replayActive(await replayState(ctx))) fail(Code.OutputRunning);
    unwrap(await ctx.studio.execute('replay.start', {}));
    return success();
  },
  StopReplayBuffer: async (ctx) => {
    if (!replayActive(await replayState(ctx))) fail(Code.OutputNotRunning);
    unwrap(await ctx.studio.execute('replay.stop', {}));
    return success();
  },
  /** Answers once the file is written (OBS answers at once and sends ReplayBufferSaved later; so do we). */
  SaveReplayBuffer: async (ctx) => {
    if (!replayActive(await replayState(ctx))) fail(Code.OutputNotRunning);
    unwrap(await ctx.studio.execute('replay.save', {}));
    return success();
  },
  GetLastReplayBufferReplay: async (ctx) => {
    const s = unwrap(await ctx.studio.execute('replay.status', {}));
    if (!replayActive(s.state)) fail(Code.OutputNotRunning);
    if (!s.lastReplay) fail(Code.ResourceNotFound, 'No replay has been saved yet; save one first (SaveReplayBuffer).');
    return success({ savedReplayPath: s.lastReplay });
  },
};
