/**
 * The record requests against a scripted recorder: the engine's record.* commands are answered by a
 * small fake that moves between states as the real one does, so the mapping to OBS's requests is
 * checked whatever the engine's recorder does today (registry.test.ts covers the real engine idle).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  EMPTY_OUTPUT_STATS,
  IDLE_RECORD_STATUS,
  Status,
  fail,
  ok,
  type RecordStatus,
  type Result,
  type StudioDocument,
} from '../../../shared';
import { IDLE_REPLAY_STATUS } from '../../../shared/replay';
import type { Studio } from '../../api';
import { EventSubscription, type RequestContext, type RequestOutcome } from '../types';
import { NO_PAUSE } from './record';
import { createRequestRegistry } from './registry';

const FILE = '/home/me/Videos/2026-11-25 18-00-00.mkv';
const MP4 = '/home/me/Videos/2026-11-25 18-00-00.mp4';

/** The engine's recorder as the record.* contract describes it; `missing` answers as an engine without one. */
class Recorder {
  status: RecordStatus = { ...IDLE_RECORD_STATUS };
  calls: string[] = [];
  missing = false;
  /** When set, record.start fails with this (a full disk, say). */
  refuseStart: Result<never> | null = null;

  execute(type: string): Result<unknown> {
    // GetOutputList also lists the replay buffer: an idle one, here.
    if (type === 'replay.status') return { ok: true, value: IDLE_REPLAY_STATUS };
    if (!type.startsWith('record.')) throw new Error(`the record requests should not send ${type}`);
    this.calls.push(type);
    if (this.missing) return fail(Status.RequestProcessingFailed, `"${type}" is not a document command.`);
    if (type === 'record.status') return ok(this.status);
    if (type === 'record.start') {
      if (this.refuseStart) return this.refuseStart;
      this.status = { state: 'recording', path: FILE, bytes: 0, durationMs: 0, freeBytes: 5e9, error: null };
      return ok({ path: FILE });
    }
    if (type === 'record.stop') {
      this.status = { ...this.status, state: 'idle' };
      return ok({ path: FILE, remuxedPath: MP4 });
    }
    throw new Error(`unexpected ${type}`);
  }
}

let recorder: Recorder;
let ctx: RequestContext;
const registry = createRequestRegistry({ dataDir: '/tmp/unused' });

beforeEach(() => {
  recorder = new Recorder();
  const studio = {
    execute: async (type: string) => recorder.execute(type),
    document: () => ({ video: { outputWidth: 1280, outputHeight: 720 } }) as StudioDocument,
    status: () => ({ stream: EMPTY_OUTPUT_STATS, destinations: [] }),
  } as unknown as Studio;
  ctx = {
    studio,
    session: { id: 's', rpcVersion: 1, eventSubscriptions: EventSubscription.All },
    broadcastCustomEvent: () => {},
    frameDurationMs: () => 1000 / 30,
    sessionStats: () => ({ incomingMessages: 0, outgoingMessages: 0 }),
  };
});

async function call(type: string, data?: Record<string, unknown>): Promise<RequestOutcome> {
  const handler = registry.get(type);
  if (!handler) throw new Error(`${type} is not registered`);
  return handler(ctx, data);
}

async function okData(type: string, data?: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
  const out = await call(type, data);
  expect(out.requestStatus, `${type}: ${out.requestStatus.comment}`).toEqual({ result: true, code: 100 });
  return out.responseData;
}

async function refused(type: string, code: number): Promise<string | undefined> {
  const out = await call(type);
  expect(out.requestStatus.result, `${type} should fail`).toBe(false);
  expect(out.requestStatus.code, `${type}: ${out.requestStatus.comment}`).toBe(code);
  return out.requestStatus.comment;
}

const recording = (over: Partial<RecordStatus> = {}): RecordStatus => ({
  state: 'recording', path: FILE, bytes: 12_345_678, durationMs: 3_723_456, freeBytes: 5e9, error: null, ...over,
});

describe('record requests on a working recorder', () => {
  it('GetRecordStatus: OBS fields, a HH:MM:SS.mmm timecode, never paused', async () => {
    expect(await okData('GetRecordStatus')).toEqual({
      outputActive: false, outputPaused: false, outputTimecode: '00:00:00.000', outputDuration: 0, outputBytes: 0,
    });
    recorder.status = recording();
    expect(await okData('GetRecordStatus')).toEqual({
      outputActive: true, outputPaused: false, outputTimecode: '01:02:03.456', outputDuration: 3_723_456, outputBytes: 12_345_678,
    });
    // Starting and stopping count as active, as OBS's recording_active does; a stopped one reports zeros.
    recorder.status = recording({ state: 'stopping' });
    expect(await okData('GetRecordStatus')).toMatchObject({ outputActive: true });
    recorder.status = recording({ state: 'failed', error: 'The disk is full.' });
    expect(await okData('GetRecordStatus')).toMatchObject({ outputActive: false, outputDuration: 0, outputBytes: 0 });
  });

  it('StartRecord starts once; a second start is 500 OutputRunning and sends nothing', async () => {
    expect(await okData('StartRecord')).toBeUndefined();
    expect(recorder.calls).toEqual(['record.status', 'record.start']);
    recorder.calls = [];
    await refused('StartRecord', 500);
    recorder.status = recording({ state: 'starting' });
    await refused('StartRecord', 500);
    expect(recorder.calls).toEqual(['record.status', 'record.status']);
  });

  it('StopRecord answers the file as outputPath (and the remuxed one); 501 when nothing records', async () => {
    await refused('StopRecord', 501);
    expect(recorder.calls).toEqual(['record.status']);
    recorder.status = recording();
    expect(await okData('StopRecord')).toEqual({ outputPath: FILE, remuxedPath: MP4 });
    expect(recorder.calls).toEqual(['record.status', 'record.status', 'record.stop']);
  });

  it('ToggleRecord starts or stops and answers the new outputActive', async () => {
    expect(await okData('ToggleRecord')).toEqual({ outputActive: true });
    expect(recorder.status.state).toBe('recording');
    expect(await okData('ToggleRecord')).toEqual({ outputActive: false });
    expect(recorder.calls).toEqual(['record.status', 'record.start', 'record.status', 'record.stop']);
  });

  it("the engine's refusal reaches the client with its code and words", async () => {
    recorder.refuseStart = fail(Status.InvalidResourceState, 'Only 120 MB are free in /home/me/Videos; free some space first.');
    expect(await refused('StartRecord', 604)).toBe('Only 120 MB are free in /home/me/Videos; free some space first.');
    expect(await refused('ToggleRecord', 604)).toMatch(/120 MB/);
  });

  it('pausing is answered 604 with the reason, whatever the recorder is doing', async () => {
    recorder.status = recording();
    for (const type of ['PauseRecord', 'ResumeRecord', 'ToggleRecordPause']) expect(await refused(type, 604)).toBe(NO_PAUSE);
    expect(recorder.calls).toEqual([]);
  });

  it('the record output in GetOutputList and GetOutputStatus follows the recorder', async () => {
    recorder.status = recording();
    const outputs = (await okData('GetOutputList'))!['outputs'] as Record<string, unknown>[];
    expect(outputs.find((o) => o['outputName'] === 'simple_file_output')).toMatchObject({ outputActive: true });
    expect(await okData('GetOutputStatus', { outputName: 'simple_file_output' })).toEqual({
      outputActive: true, outputReconnecting: false, outputTimecode: '01:02:03.456', outputDuration: 3_723_456,
      outputCongestion: 0, outputBytes: 12_345_678, outputSkippedFrames: 0, outputTotalFrames: 0,
    });
  });

  it('GetVersion advertises the record requests that work, not the pause ones', async () => {
    const available = (await okData('GetVersion'))!['availableRequests'] as string[];
    expect(available).toEqual(expect.arrayContaining(['GetRecordStatus', 'StartRecord', 'StopRecord', 'ToggleRecord']));
    for (const type of ['PauseRecord', 'ResumeRecord', 'ToggleRecordPause']) expect(available).not.toContain(type);
  });
});

describe('record requests on an engine without a recorder', () => {
  it('the status polls answer stopped; the actions pass the engine error on', async () => {
    recorder.missing = true;
    expect(await okData('GetRecordStatus')).toEqual({
      outputActive: false, outputPaused: false, outputTimecode: '00:00:00.000', outputDuration: 0, outputBytes: 0,
    });
    expect(await okData('GetOutputStatus', { outputName: 'simple_file_output' })).toMatchObject({ outputActive: false });
    for (const type of ['StartRecord', 'StopRecord', 'ToggleRecord']) {
      expect(await refused(type, 702)).toBe('"record.status" is not a document command.');
    }
  });
});
