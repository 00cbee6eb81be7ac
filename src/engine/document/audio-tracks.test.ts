/** The output side of OBS's tracks in the document: a destination's track, a recording's tracks, and their defaults. */
import { describe, expect, it } from 'vitest';
import { COMMAND_SCHEMAS, destinationSchema, outputSettingsSchema, recordingSettingsSchema } from './schemas';
import { DEFAULT_RECORDING_SETTINGS, blankDocument } from './defaults';

const oldDestination = { id: 'd1', name: 'Twitch', enabled: true, server: 'rtmp://h/app', hasKey: true };
const oldRecording = { folder: '', format: 'mkv', filenamePattern: 'show', remuxToMp4: false, minFreeMb: 500 };

describe('audio tracks in the document', () => {
  it('loads profiles from before tracks with OBS defaults: a destination sends track 1, a recording writes track 1', () => {
    expect(destinationSchema.parse(oldDestination).audioTrack).toBe(1);
    expect(recordingSettingsSchema.parse(oldRecording).tracks).toEqual([1]);
    const saved = blankDocument(() => 'x').output;
    expect(outputSettingsSchema.parse({ ...saved, recording: undefined }).recording.tracks).toEqual([1]);
    expect(outputSettingsSchema.parse({ ...saved, recording: oldRecording }).recording.tracks).toEqual([1]);
    expect(DEFAULT_RECORDING_SETTINGS.tracks).toEqual([1]);
  });

  it("keeps a saved destination's track and a recording's tracks, sorted", () => {
    expect(destinationSchema.parse({ ...oldDestination, audioTrack: 4 }).audioTrack).toBe(4);
    expect(recordingSettingsSchema.parse({ ...oldRecording, tracks: [3, 1] }).tracks).toEqual([1, 3]);
  });

  it('refuses tracks outside 1..6, repeated, none, or a fraction, naming the field', () => {
    const rec = COMMAND_SCHEMAS['output.setRecording'];
    expect(rec.safeParse({ tracks: [1, 2] }).data).toEqual({ tracks: [1, 2] });
    for (const tracks of [[], [0], [7], [1, 1], [1.5]]) {
      const r = rec.safeParse({ tracks });
      expect(r.success, JSON.stringify(tracks)).toBe(false);
      expect(r.error!.issues[0]!.path[0]).toBe('tracks');
    }
    expect(rec.safeParse({ tracks: [] }).error!.issues[0]!.message).toMatch(/at least one track/);
    expect(rec.safeParse({ tracks: [2, 2] }).error!.issues[0]!.message).toMatch(/twice/);
    const dest = COMMAND_SCHEMAS['destination.upsert'];
    expect(dest.safeParse({ id: 'd1', audioTrack: 6 }).success).toBe(true);
    for (const audioTrack of [0, 7, 2.5]) expect(dest.safeParse({ id: 'd1', audioTrack }).success, String(audioTrack)).toBe(false);
  });
});
