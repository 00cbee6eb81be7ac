/**
 * Output requests. The studio presents OBS's simple-mode outputs: simple_stream (the aggregate of
 * all destinations) and simple_file_output (the recorder). There is no replay buffer, which OBS
 * answers with 604; the virtual camera is reported as off.
 */
import { stub, type HandlerTable } from './handler';
import { pollStatus, recordStatus } from './record';
import { Code, fail, success } from './status';
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

const noReplayBuffer = stub(() => fail(Code.InvalidResourceState, 'Replay buffer is not available.'));

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
    return fail(Code.ResourceNotFound, `No output was found with the name \`${name}\`.`);
  },

  GetVirtualCamStatus: () => success({ outputActive: false }),

  GetReplayBufferStatus: noReplayBuffer,
  ToggleReplayBuffer: noReplayBuffer,
  StartReplayBuffer: noReplayBuffer,
  StopReplayBuffer: noReplayBuffer,
  SaveReplayBuffer: noReplayBuffer,
  GetLastReplayBufferReplay: noReplayBuffer,
};
