/**
 * OBS's six mixer tracks on the way out. The renderer sends all six (AUDIO_WIRE_CHANNELS); every
 * encoder of a run encodes the same few, each as its own stereo AAC stream in its MPEG-TS, in
 * ascending order, so a reader takes track t as `-map 0:a:<index of t>`. Which ones is decided when
 * the encoders start (OBS applies track settings at the next start too): the recording's tracks
 * and every destination's track, enabled or not, so an output started later finds its track.
 * Track 1 is always encoded, first: the reader that takes the first audio stream (the HLS preview)
 * carries track 1; the replay buffer picks the recording's tracks (./replay/tracks.ts).
 */
import { AUDIO_CHANNELS, AUDIO_TRACK_COUNT, Status, fail, ok, type Result, type StudioDocument } from '../../shared';

/** Ascending, unique, within 1..6, track 1 included. */
export function normalizeTracks(tracks: Iterable<number>): number[] {
  const set = new Set<number>([1]);
  for (const t of tracks) if (Number.isInteger(t) && t >= 1 && t <= AUDIO_TRACK_COUNT) set.add(t);
  return [...set].sort((a, b) => a - b);
}

/** The tracks the encoders encode for this document's outputs. */
export function encodedTracks(doc: StudioDocument): number[] {
  return normalizeTracks([...(doc.output.recording.tracks ?? [1]), ...doc.destinations.map((d) => d.audioTrack ?? 1)]);
}

/** Where track `track` is among the encoding's audio streams (`-map 0:a:<n>`), or why it is not there. */
export function trackStream(encoded: readonly number[], track: number): Result<number> {
  const at = encoded.indexOf(track);
  if (at >= 0) return ok(at);
  return fail(
    Status.InvalidResourceState,
    `Audio track ${track} is not in the running encoding (it carries track${encoded.length > 1 ? 's' : ''} ${encoded.join(', ')}): ` +
      'track settings apply when the stream, recording and replay buffer have all stopped and start again.',
  );
}

/**
 * Interleaved s16 stereo widened to the wire's six tracks: one mix (a stereo sender, a test rig)
 * feeds every track, as it did before tracks existed.
 */
export function widenStereo(pcm: Uint8Array, channels: number): Uint8Array {
  const frames = Math.floor(pcm.byteLength / (2 * AUDIO_CHANNELS));
  const aligned = pcm.byteOffset % 2 === 0 ? pcm : pcm.slice();
  const src = new Int16Array(aligned.buffer, aligned.byteOffset, frames * AUDIO_CHANNELS);
  const out = new Int16Array(frames * channels);
  for (let i = 0; i < frames; i++) {
    const l = src[i * AUDIO_CHANNELS]!;
    const r = src[i * AUDIO_CHANNELS + 1]!;
    for (let c = 0; c < channels; c += AUDIO_CHANNELS) {
      out[i * channels + c] = l;
      out[i * channels + c + 1] = r;
    }
  }
  return new Uint8Array(out.buffer);
}
