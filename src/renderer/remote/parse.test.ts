import { describe, expect, it } from 'vitest';
import {
  mergeDestinations,
  parseDestinationList,
  parseDestinationPatches,
  parseMeters,
  parseScenes,
  POLL_DEFERS_MS,
  streamFromEvent,
  streamFromStatus,
  TRANSITION_GRACE_MS,
} from './parse';
import { IDLE_STREAM, type StreamInfo } from './store';

describe('parseScenes', () => {
  it('lists the highest sceneIndex first, as OBS shows them, and skips junk', () => {
    const scenes = parseScenes([
      { sceneName: 'A', sceneUuid: 'a', sceneIndex: 0 },
      { sceneName: 'B', sceneUuid: 'b', sceneIndex: 1 },
      { sceneUuid: 'x', sceneIndex: 2 },
      'junk',
    ]);
    expect(scenes).toEqual([
      { name: 'B', uuid: 'b' },
      { name: 'A', uuid: 'a' },
    ]);
  });
});

describe('destinations', () => {
  it('reads the list and keeps numbers already known', () => {
    const known = parseDestinationList({ destinations: [{ destinationId: 'd1', name: 'Main', enabled: true }] }, null);
    const live = mergeDestinations(known, parseDestinationPatches({ destinationId: 'd1', state: 'live', bitrateKbps: 2500 })).list;
    const again = parseDestinationList({ destinations: [{ destinationId: 'd1', name: 'Main', enabled: false }] }, live);
    expect(again).toEqual([
      { id: 'd1', name: 'Main', enabled: false, state: 'live', bitrateKbps: 2500, bytes: 0, reconnects: 0, dropped: 0, lastError: null, viewers: null },
    ]);
  });

  it('takes a stats event with several destinations and flags unknown ones', () => {
    const list = parseDestinationList({ destinations: [{ destinationId: 'd1', name: 'Main' }] }, null);
    const { list: next, missing } = mergeDestinations(
      list,
      parseDestinationPatches({
        destinations: [
          { destinationId: 'd1', bytesSent: 1000, reconnects: 2, droppedFrames: 3, lastError: { message: 'Refused.' } },
          { destinationId: 'd9', state: 'live' },
        ],
      }),
    );
    expect(next[0]).toMatchObject({ bytes: 1000, reconnects: 2, dropped: 3, lastError: 'Refused.' });
    expect(missing).toBe(true);
  });

  it('ignores fields of the wrong type rather than trusting them', () => {
    const list = parseDestinationList({ destinations: [{ destinationId: 'd1', name: 'Main' }] }, null);
    const { list: next } = mergeDestinations(list, parseDestinationPatches({ destinationId: 'd1', bytesSent: '12', state: 5 }));
    expect(next).toBe(list);
  });
});

describe('stream phase', () => {
  const at = (phase: StreamInfo['phase'], since: number): StreamInfo => ({ ...IDLE_STREAM, phase, since });

  it('follows StreamStateChanged, RECONNECTED meaning live again', () => {
    let s = streamFromEvent(IDLE_STREAM, 'OBS_WEBSOCKET_OUTPUT_STARTING', 1);
    expect(s.phase).toBe('starting');
    s = streamFromEvent(s, 'OBS_WEBSOCKET_OUTPUT_RECONNECTING', 2);
    expect(s.phase).toBe('reconnecting');
    s = streamFromEvent(s, 'OBS_WEBSOCKET_OUTPUT_RECONNECTED', 3);
    expect(s).toMatchObject({ phase: 'live', since: 3 });
    expect(streamFromEvent(s, 'OBS_WEBSOCKET_OUTPUT_PAUSED', 4)).toBe(s);
  });

  it('lets a start in progress stand against an inactive poll, until the grace runs out', () => {
    const starting = at('starting', 1000);
    expect(streamFromStatus(starting, { outputActive: false }, 2000).phase).toBe('starting');
    expect(streamFromStatus(starting, { outputActive: false }, 1000 + TRANSITION_GRACE_MS).phase).toBe('idle');
    expect(streamFromStatus(starting, { outputActive: true, outputBytes: 10, outputTimecode: '00:00:01.000' }, 3000)).toMatchObject({
      phase: 'live',
      since: 3000,
      bytes: 10,
      timecode: '00:00:01.000',
    });
  });

  it('does not let a poll answer that crossed a state event undo it, but takes its numbers', () => {
    const stopped = at('idle', 10_000);
    expect(streamFromStatus(stopped, { outputActive: true, outputBytes: 99 }, 10_000 + POLL_DEFERS_MS - 1)).toMatchObject({
      phase: 'idle',
      bytes: 99,
    });
    expect(streamFromStatus(stopped, { outputActive: true }, 10_000 + POLL_DEFERS_MS).phase).toBe('live');
  });

  it('reads reconnecting from the poll', () => {
    expect(streamFromStatus(at('live', 0), { outputActive: true, outputReconnecting: true }, 5000).phase).toBe('reconnecting');
  });
});

describe('parseMeters', () => {
  it("takes each channel's peak after volume", () => {
    expect(
      parseMeters([
        { inputName: 'Mic', inputLevelsMul: [[0.1, 0.5, 0.6], [0.2, 0.25, 0.3]] },
        { inputName: 'Bad', inputLevelsMul: 'x' },
      ]),
    ).toEqual({ Mic: [0.5, 0.25] });
  });
});
