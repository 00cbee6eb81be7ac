/**
 * Which audio streams a replay holds: the recording's tracks looked up among the tracks the run
 * encodes (the plan the encoder's args are built from), never taken by position.
 */
import { describe, expect, it } from 'vitest';
import type { StudioDocument } from '../../../shared';
import { encodedTracks } from '../audio-tracks';
import { buildEncoderArgs, trackGraph } from '../ffmpeg-args';
import { buildReplayArgs } from './save';
import { missingTracksMessage, replayTracks, wantedTracks } from './tracks';

const maps = (args: string[]): string[] => args.flatMap((a, i) => (args[i - 1] === '-map' ? [a] : []));

describe('replay tracks', () => {
  it('takes the recording tracks ascending, unique and in range; track 1 when none is valid', () => {
    expect(wantedTracks([3, 1, 3])).toEqual([1, 3]);
    expect(wantedTracks([2, 0, 7, 1.5])).toEqual([2]);
    expect(wantedTracks([])).toEqual([1]);
    expect(wantedTracks(undefined)).toEqual([1]);
  });

  it("finds each track's stream by what the encoding carries, not by position", () => {
    // The encoding carries tracks 1, 2, 4, 6 (say a destination wants 6): track 4 is stream 2.
    expect(replayTracks([1, 2, 4, 6], [2, 4])).toEqual({ tracks: [2, 4], streams: [1, 2], missing: [] });
    expect(replayTracks([1, 2, 4, 6], [6, 1])).toEqual({ tracks: [1, 6], streams: [0, 3], missing: [] });
    expect(replayTracks([1], undefined)).toEqual({ tracks: [1], streams: [0], missing: [] });
  });

  it('leaves out the tracks the running encoding lacks and names them', () => {
    const plan = replayTracks([1, 2], [1, 3, 5]);
    expect(plan).toEqual({ tracks: [1], streams: [0], missing: [3, 5] });
    const message = missingTracksMessage(plan, [1, 2]);
    expect(message).toMatch(/lacks audio tracks 3, 5/);
    expect(message).toMatch(/carries tracks 1, 2 \(it holds track 1\)/);
    expect(message).toMatch(/next start|start again/);
    expect(missingTracksMessage(replayTracks([1, 2], [2]), [1, 2])).toBeNull();
    const none = replayTracks([1], [4]);
    expect(none).toEqual({ tracks: [], streams: [], missing: [4] });
    expect(missingTracksMessage(none, [1])).toMatch(/lacks audio track 4: .*carries track 1 \(it holds no audio\)/);
  });

  it("maps the same streams the encoder's args put each track in", () => {
    const doc = {
      output: { recording: { tracks: [3, 5] } },
      destinations: [{ audioTrack: 2 }, { audioTrack: 5 }],
    } as unknown as StudioDocument;
    const encoded = encodedTracks(doc);
    const enc = buildEncoderArgs({
      video: { baseWidth: 64, baseHeight: 36, outputWidth: 64, outputHeight: 36, fpsNumerator: 30, fpsDenominator: 1 },
      encoder: { encoder: 'libx264', rateControl: 'CBR', bitrateKbps: 500, keyframeIntervalSec: 2, preset: 'ultrafast', profile: 'high', bFrames: 0, audioBitrateKbps: 128 },
      target: { kind: 'pipe' },
      audioTracks: encoded,
    });
    // The encoder's audio outputs, in order: its n-th audio stream carries the track its n-th label names.
    const labels = maps(enc).filter((m) => m.startsWith('[t'));
    expect(labels).toEqual(trackGraph(encoded).labels);
    const carried = labels.map((l) => Number(l.slice(2, -1)));
    const plan = replayTracks(encoded, doc.output.recording.tracks);
    expect(plan.tracks).toEqual([3, 5]);
    expect(plan.streams.map((n) => carried[n])).toEqual([3, 5]);
    expect(maps(buildReplayArgs('/r/x.mkv', false, plan.streams))).toEqual(['0:v:0', ...plan.streams.map((n) => `0:a:${n}?`)]);
    expect(maps(buildReplayArgs('/r/x.mkv', false))).toEqual(['0:v:0', '0:a:0?']);
  });
});
