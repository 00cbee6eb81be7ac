/**
 * Stream requests. OBS's single stream output is our aggregate: StartStream starts every enabled
 * destination (the engine's stream.start) and GetStreamStatus reports them as one.
 */
import type { DestinationState, DestinationStats, OutputStats } from '../../../shared';
import type { RequestContext } from '../types';
import type { HandlerTable } from './handler';
import { timecode } from './shapes';
import { Code, fail, success, unwrap } from './status';

/** Like OBS's streaming_active: true from the moment a start is under way until it has stopped. */
export const streamActive = (state: DestinationState): boolean => state !== 'idle' && state !== 'failed';

/** OBS's output status fields for the aggregate stream. Congestion is the worst destination's. */
export function streamStatus(stream: OutputStats, destinations: DestinationStats[]): Record<string, unknown> {
  const active = streamActive(stream.state);
  const duration = active ? stream.uptimeMs : 0;
  return {
    outputActive: active,
    outputReconnecting: stream.state === 'reconnecting',
    outputTimecode: timecode(duration),
    outputDuration: duration,
    outputCongestion: destinations.reduce((worst, d) => Math.max(worst, d.congestion), 0),
    outputBytes: stream.bytesSent,
    outputSkippedFrames: stream.dropped,
    outputTotalFrames: stream.framesSent,
  };
}

const currentStatus = (ctx: RequestContext) => {
  const { stream, destinations } = ctx.studio.status();
  return streamStatus(stream, destinations);
};

export const streamRequests: HandlerTable = {
  GetStreamStatus: (ctx) => success(currentStatus(ctx)),

  StartStream: async (ctx) => {
    if (streamActive(ctx.studio.status().stream.state)) fail(Code.OutputRunning);
    unwrap(await ctx.studio.execute('stream.start', {}));
    return success();
  },

  StopStream: async (ctx) => {
    if (!streamActive(ctx.studio.status().stream.state)) fail(Code.OutputNotRunning);
    unwrap(await ctx.studio.execute('stream.stop', {}));
    return success();
  },

  ToggleStream: async (ctx) => {
    const active = streamActive(ctx.studio.status().stream.state);
    unwrap(await ctx.studio.execute(active ? 'stream.stop' : 'stream.start', {}));
    return success({ outputActive: !active });
  },
};

export const streamPlaceholders: HandlerTable = {
  SendStreamCaption: (_ctx, f) => {
    f.string('captionText', true);
    return fail(Code.RequestProcessingFailed, 'Stream captions are not supported yet: the studio does not send CEA-608 captions.');
  },
};
