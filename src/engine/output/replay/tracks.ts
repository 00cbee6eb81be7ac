/**
 * Which audio streams a saved replay holds. OBS's replay buffer writes the recording's tracks
 * (AdvOut RecTracks); the ring keeps the main encoding's whole MPEG-TS, whose audio streams are the
 * run's encoded tracks in ascending order (../audio-tracks.ts), so each wanted track is looked up
 * in that list, never assumed at a position. A wanted track the run does not encode (the recording's
 * tracks changed while the encoders ran: they apply at the next start) is left out and named, so a
 * save still gives the tracks that exist.
 */
import { AUDIO_TRACK_COUNT } from '../../../shared';
import { trackStream } from '../audio-tracks';

export interface ReplayTracks {
  /** The tracks the replay holds, ascending: its audio streams in this order. */
  tracks: number[];
  /** Where each of them is among the encoding's audio streams (`-map 0:a:<n>`), index for index. */
  streams: number[];
  /** Tracks asked for that this run does not encode, ascending. */
  missing: number[];
}

/** The recording's tracks as a replay writes them: ascending, unique, within 1..6; track 1 when none is valid. */
export function wantedTracks(tracks: Iterable<number> | undefined): number[] {
  const set = new Set<number>();
  for (const t of tracks ?? []) if (Number.isInteger(t) && t >= 1 && t <= AUDIO_TRACK_COUNT) set.add(t);
  return set.size > 0 ? [...set].sort((a, b) => a - b) : [1];
}

/** Maps the wanted tracks onto the encoding's audio streams, `encoded` being the tracks they carry in order. */
export function replayTracks(encoded: readonly number[], wanted: Iterable<number> | undefined): ReplayTracks {
  const out: ReplayTracks = { tracks: [], streams: [], missing: [] };
  for (const t of wantedTracks(wanted)) {
    const at = trackStream(encoded, t);
    if (at.ok) {
      out.tracks.push(t);
      out.streams.push(at.value);
    } else {
      out.missing.push(t);
    }
  }
  return out;
}

const list = (tracks: readonly number[]): string => `track${tracks.length > 1 ? 's' : ''} ${tracks.join(', ')}`;

/** What a save says when tracks were left out, or null when none were. */
export function missingTracksMessage(plan: ReplayTracks, encoded: readonly number[]): string | null {
  if (plan.missing.length === 0) return null;
  const held = plan.tracks.length > 0 ? `it holds ${list(plan.tracks)}` : 'it holds no audio';
  return (
    `The replay lacks audio ${list(plan.missing)}: the running encoding carries ${list(encoded)} (${held}). ` +
    'Track settings apply when the stream, recording and replay buffer have all stopped and start again.'
  );
}
