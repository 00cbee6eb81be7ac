import { describe, expect, it } from 'vitest';
import { blankDocument } from '../document/defaults';
import { encodedTracks, normalizeTracks, trackStream, widenStereo } from './audio-tracks';

describe('which tracks the encoders encode', () => {
  it('keeps tracks 1..6 ascending and unique, with track 1 always first', () => {
    expect(normalizeTracks([3, 2, 3])).toEqual([1, 2, 3]);
    expect(normalizeTracks([0, 7, 2.5, 6])).toEqual([1, 6]);
    expect(normalizeTracks([])).toEqual([1]);
  });

  it("takes the recording's tracks and every destination's track, enabled or not", () => {
    let n = 0;
    const doc = blankDocument(() => `id${++n}`);
    expect(encodedTracks(doc)).toEqual([1]);
    const dest = (id: string, audioTrack: number, enabled: boolean) => ({
      id,
      name: id,
      enabled,
      server: 'rtmp://h/live',
      hasKey: true,
      preset: 'custom',
      audioOnly: false,
      rendition: null,
      audioTrack,
      signing: null,
      audience: null,
    });
    const withOutputs = {
      ...doc,
      output: { ...doc.output, recording: { ...doc.output.recording, tracks: [2, 4] } },
      destinations: [dest('a', 5, true), dest('b', 3, false)],
    };
    expect(encodedTracks(withOutputs)).toEqual([1, 2, 3, 4, 5]);
  });

  it("finds a track's audio stream, or says which tracks run and when a change applies", () => {
    expect(trackStream([1, 2, 5], 5)).toEqual({ ok: true, value: 2 });
    const missing = trackStream([1, 2], 4);
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.error.message).toMatch(/Audio track 4 is not in the running encoding \(it carries tracks 1, 2\).*start again/);
  });

  it('widens a stereo mix to every track', () => {
    const stereo = new Int16Array([1, -2, 3, -4]);
    const wide = new Int16Array(widenStereo(new Uint8Array(stereo.buffer), 12).buffer);
    expect(wide.length).toBe(24);
    for (let c = 0; c < 12; c += 2) {
      expect([wide[c], wide[c + 1], wide[12 + c], wide[13 + c]]).toEqual([1, -2, 3, -4]);
    }
  });
});
