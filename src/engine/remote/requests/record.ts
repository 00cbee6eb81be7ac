/**
 * Record requests on the engine's recorder (record.start, record.stop, record.status). OBS's record
 * output writes one file at a time, and so does ours. A recording cannot be paused: the pause
 * requests answer 604 with the reason, as OBS does for an output it does not have (the replay buffer).
 */
import { IDLE_RECORD_STATUS, type RecordState, type RecordStatus } from '../../../shared';
import type { RequestContext } from '../types';
import type { HandlerTable } from './handler';
import { timecode } from './shapes';
import { Code, fail, success, unwrap } from './status';

export const NO_PAUSE = 'Recordings cannot be paused in Broadcast Studio; stop the recording and start a new one instead.';

/** Like the stream (and OBS's recording_active): active from the moment a start is under way until the file is closed. */
export const recordActive = (state: RecordState): boolean => state !== 'idle' && state !== 'failed';

/** OBS's record status fields. A stopped recording reports zeros, as OBS's does. */
export function recordStatus(s: RecordStatus): { outputActive: boolean; outputTimecode: string; outputDuration: number; outputBytes: number } {
  const active = recordActive(s.state);
  const duration = active ? s.durationMs : 0;
  return { outputActive: active, outputTimecode: timecode(duration), outputDuration: duration, outputBytes: active ? s.bytes : 0 };
}

/** The recorder's status; an engine that cannot answer stops the request with its reason. */
async function current(ctx: RequestContext): Promise<RecordStatus> {
  return unwrap(await ctx.studio.execute('record.status', {}));
}

/**
 * The status for the questions clients poll (Companion asks every second): an engine whose recorder
 * cannot answer is not recording, and saying so keeps those clients quiet; the actions give the reason.
 */
export async function pollStatus(ctx: RequestContext): Promise<RecordStatus> {
  const r = await ctx.studio.execute('record.status', {});
  return r.ok ? r.value : IDLE_RECORD_STATUS;
}

export const recordRequests: HandlerTable = {
  GetRecordStatus: async (ctx) => {
    const { outputActive, outputTimecode, outputDuration, outputBytes } = recordStatus(await pollStatus(ctx));
    return success({ outputActive, outputPaused: false, outputTimecode, outputDuration, outputBytes });
  },

  StartRecord: async (ctx) => {
    if (recordActive((await current(ctx)).state)) fail(Code.OutputRunning);
    unwrap(await ctx.studio.execute('record.start', {}));
    return success();
  },

  /**
   * outputPath is the file the recorder wrote, as OBS's is; with remuxing on, remuxedPath (ours, not
   * OBS's) names the .mp4 written beside it, which record.stop has finished by the time it answers.
   */
  StopRecord: async (ctx) => {
    if (!recordActive((await current(ctx)).state)) fail(Code.OutputNotRunning);
    const { path, remuxedPath } = unwrap(await ctx.studio.execute('record.stop', {}));
    return success({ outputPath: path, remuxedPath });
  },

  ToggleRecord: async (ctx) => {
    const active = recordActive((await current(ctx)).state);
    unwrap(await ctx.studio.execute(active ? 'record.stop' : 'record.start', {}));
    return success({ outputActive: !active });
  },
};

/** Answered so a client learns why, but not advertised: they can never work. */
export const recordPausePlaceholders: HandlerTable = {
  PauseRecord: () => fail(Code.InvalidResourceState, NO_PAUSE),
  ResumeRecord: () => fail(Code.InvalidResourceState, NO_PAUSE),
  ToggleRecordPause: () => fail(Code.InvalidResourceState, NO_PAUSE),
};
