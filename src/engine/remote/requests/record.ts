/**
 * Record requests. The studio does not record yet (the output engine adds the recorder), so the
 * status is a stopped recording and every action answers with a clear comment.
 */
import type { HandlerTable } from './handler';
import { Code, fail, success } from './status';

const NOT_YET = 'Recording arrives with the output engine; the studio cannot record yet.';

export const recordRequests: HandlerTable = {
  GetRecordStatus: () =>
    success({ outputActive: false, outputPaused: false, outputTimecode: '00:00:00.000', outputDuration: 0, outputBytes: 0 }),
};

export const recordPlaceholders: HandlerTable = Object.fromEntries(
  ['StartRecord', 'StopRecord', 'ToggleRecord', 'PauseRecord', 'ResumeRecord', 'ToggleRecordPause'].map((name) => [
    name,
    () => fail(Code.RequestProcessingFailed, NOT_YET),
  ]),
);
